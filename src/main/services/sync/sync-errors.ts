import { AppError } from '../../../shared/rpc/errors';
import { DsApiError } from '../../sync/dolphinscheduler/errors';
import { maskSecrets } from '../../sync/common/mask';
import { EnosApiError } from '../../sync/enos/errors';
import { WorkspaceValidationError } from '../../sync/workspace-snapshot';

/**
 * Turns a target failure into an AppError the UI can show: a sentence first (what to do),
 * then the target's own words, with the secret masked.
 */
export function toSyncError(error: unknown, secret: string | undefined, target: string): AppError {
  if (error instanceof AppError) return new AppError(error.code, maskSecrets(error.message, [secret]));
  const mask = (t: string): string => maskSecrets(t, [secret]);
  if (error instanceof WorkspaceValidationError) return new AppError('INVALID_ARGUMENT', error.message);
  if (error instanceof EnosApiError) {
    const detail = mask(error.message);
    const refused =
      (error.kind === 'gateway' && error.httpStatus === 401) ||
      (error.kind === 'token' && (error.code === 1002 || error.code === 1003));
    if (refused)
      return new AppError('UNAUTHORIZED', `${target}: the access key or secret was refused (${detail})`);
    if (error.kind === 'gateway' && error.httpStatus === 429) {
      return new AppError(
        'UNAVAILABLE',
        `${target}: too many requests; wait a minute and try again (${detail})`,
      );
    }
    if (error.kind === 'network')
      return new AppError('UNAVAILABLE', `${target}: cannot reach the server (${detail})`);
    if (error.kind === 'gateway' && (error.httpStatus ?? 0) >= 500) {
      return new AppError('UNAVAILABLE', `${target}: the server is unavailable (${detail})`);
    }
    return new AppError('INTERNAL', `${target}: ${detail}`);
  }
  if (error instanceof DsApiError) {
    const detail = mask(error.message);
    if (
      (error.kind === 'http' && error.httpStatus === 401) ||
      (error.kind === 'service' && (error.code === 10013 || error.code === 10148))
    )
      return new AppError('UNAUTHORIZED', `${target}: ${detail}`);
    if (error.kind === 'http' && error.httpStatus === 429)
      return new AppError(
        'UNAVAILABLE',
        `${target}: too many requests; wait a moment and try again (${detail})`,
      );
    if (error.kind === 'network' && error.code !== 'NOT_API')
      return new AppError('UNAVAILABLE', `${target}: cannot reach the server (${detail})`);
    if (error.kind === 'http' && (error.httpStatus ?? 0) >= 500)
      return new AppError('UNAVAILABLE', `${target}: the server is unavailable (${detail})`);
    return new AppError('INTERNAL', `${target}: ${detail}`);
  }
  const message = error instanceof Error ? error.message : String(error);
  return new AppError('INTERNAL', `${target}: ${mask(message)}`);
}
