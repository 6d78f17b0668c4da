import { AppError, type ErrorCode } from '../../shared/rpc/errors';

/** Turns whatever a transport rejected with into an AppError that keeps the service's code and message. */
export function normalizeError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  if (error && typeof error === 'object') {
    const e = error as { code?: unknown; message?: unknown };
    const code = typeof e.code === 'string' ? (e.code as ErrorCode) : 'INTERNAL';
    let message = typeof e.message === 'string' ? e.message : String(error);
    // Electron prefixes rejected invoke errors with "Error invoking remote method '...': ".
    message = message.replace(/^Error invoking remote method '[^']*': (?:\w*Error: )?/, '');
    return new AppError(code, message);
  }
  return new AppError('INTERNAL', String(error));
}
