import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { AppError } from '../../../shared/rpc/errors';
import { TEMP_MARKER } from '../workspace/ignored-paths';
import type { GitBlob } from './git-backend';

const SYMLINK_MODE = 0o120000;
const EXECUTABLE_MODE = 0o100755;

function errno(error: unknown): string | undefined {
  return (error as NodeJS.ErrnoException | undefined)?.code;
}

/**
 * Writes a blob to the working tree the way `git checkout` would: a symlink for mode 120000,
 * otherwise a regular file with the executable bit from the mode. Atomic (temp file + rename),
 * and an existing symlink at the path is replaced rather than written through.
 */
export async function writeWorktreeFile(absolute: string, blob: GitBlob): Promise<void> {
  await fs.mkdir(path.dirname(absolute), { recursive: true });
  const existing = await fs.lstat(absolute).catch(() => null);
  if (existing?.isDirectory())
    throw new AppError('IS_DIRECTORY', `${path.basename(absolute)} is a folder in the working tree`);
  const staging = `${absolute}${TEMP_MARKER}${randomBytes(6).toString('hex')}`;
  try {
    if (blob.mode === SYMLINK_MODE) {
      await fs.symlink(Buffer.from(blob.bytes).toString('utf8'), staging);
    } else {
      await fs.writeFile(staging, blob.bytes, { mode: blob.mode === EXECUTABLE_MODE ? 0o755 : 0o644 });
      // writeFile's mode is filtered by the umask; git sets the bits explicitly.
      await fs.chmod(staging, blob.mode === EXECUTABLE_MODE ? 0o755 : 0o644);
    }
    await fs.rename(staging, absolute);
  } catch (error) {
    await fs.rm(staging, { force: true });
    throw error;
  }
}

/** Deletes a working-tree file; a missing file is fine, a folder is refused. */
export async function deleteWorktreeFile(absolute: string): Promise<void> {
  try {
    await fs.unlink(absolute);
  } catch (error) {
    const code = errno(error);
    if (code === 'ENOENT') return;
    if (code === 'EISDIR' || code === 'EPERM')
      throw new AppError('IS_DIRECTORY', `${path.basename(absolute)} is a folder; list its files`);
    throw error;
  }
}

/**
 * UTF-8 text, or null for binary content: invalid UTF-8 (GBK and other legacy encodings) or a
 * NUL byte, as git decides. The BOM is kept so the diff editor shows the real bytes.
 */
export function decodeText(bytes: Uint8Array): string | null {
  if (bytes.includes(0)) return null;
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return null;
  }
}
