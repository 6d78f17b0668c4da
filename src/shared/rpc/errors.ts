/** Error codes a service may raise; the UI shows `message` and may branch on `code`. */
export type ErrorCode =
  | 'INVALID_ARGUMENT'
  | 'NOT_FOUND'
  | 'ALREADY_EXISTS'
  | 'IS_DIRECTORY'
  | 'OUTSIDE_WORKSPACE'
  | 'NO_WORKSPACE'
  | 'CONFLICT'
  | 'UNKNOWN_CHANNEL'
  | 'UNAUTHORIZED'
  | 'UNAVAILABLE'
  | 'INTERNAL';

/** An error that crosses the process boundary as `{name, message, code}`. */
export class AppError extends Error {
  override name = 'AppError';
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
  }
}

export interface SerializedError {
  name: string;
  message: string;
  code: ErrorCode;
}

/** The single place errors are turned into wire form. Unknown errors keep their message, not their stack. */
export function serializeError(error: unknown): SerializedError {
  if (error instanceof AppError) return { name: error.name, message: error.message, code: error.code };
  if (error instanceof Error) {
    const errno = (error as { code?: unknown }).code;
    if (errno === 'ENOENT') return { name: 'AppError', message: error.message, code: 'NOT_FOUND' };
    if (errno === 'EEXIST') return { name: 'AppError', message: error.message, code: 'ALREADY_EXISTS' };
    if (errno === 'EISDIR') return { name: 'AppError', message: error.message, code: 'IS_DIRECTORY' };
    // File system refusals say what is wrong with the folder, in words, before the system's text.
    const path = (error as { path?: unknown }).path;
    const where = typeof path === 'string' ? `${path}: ` : '';
    if (errno === 'EROFS')
      return {
        name: 'AppError',
        message: `${where}the folder is on a read-only file system (${error.message})`,
        code: 'UNAVAILABLE',
      };
    if (errno === 'EACCES' || errno === 'EPERM')
      return {
        name: 'AppError',
        message: `${where}permission denied: this user cannot write here (${error.message})`,
        code: 'UNAVAILABLE',
      };
    if (errno === 'ENOSPC')
      return {
        name: 'AppError',
        message: `${where}no space left on device (${error.message})`,
        code: 'UNAVAILABLE',
      };
    return { name: error.name, message: error.message, code: 'INTERNAL' };
  }
  return { name: 'Error', message: String(error), code: 'INTERNAL' };
}

export function deserializeError(e: SerializedError): AppError {
  return new AppError(e.code, e.message);
}
