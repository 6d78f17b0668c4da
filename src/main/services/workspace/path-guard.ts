import { promises as fs } from 'node:fs';
import path from 'node:path';
import { AppError } from '../../../shared/rpc/errors';

function outside(relative: string, why: string): AppError {
  return new AppError('OUTSIDE_WORKSPACE', `"${relative}" is outside the workspace (${why})`);
}

/** True when `child` is `parent` or lies below it (both absolute). `..foo` is a legal name, not an escape. */
export function isInside(parent: string, child: string): boolean {
  const rel = path.relative(parent, child);
  if (rel === '') return true;
  if (path.isAbsolute(rel)) return false; // another drive on Windows
  return rel !== '..' && !rel.startsWith(`..${path.sep}`);
}

function errnoCode(error: unknown): string | undefined {
  return (error as NodeJS.ErrnoException | undefined)?.code;
}

/**
 * Resolves a workspace-relative path to an absolute host path, refusing anything that could
 * reach outside `root`: absolute paths (POSIX or Windows style), `..` escapes, NUL bytes, and
 * symlinks whose real path leaves the root. The symlink check uses the `realpath` of the deepest
 * existing ancestor, so it also covers paths that do not exist yet (a write through a linked
 * folder). A dangling symlink on the way is refused when its target leaves the root.
 *
 * Returns the lexical absolute path (`path.resolve(root, relative)`); the caller acts on that.
 * Errors: `OUTSIDE_WORKSPACE`.
 */
export async function resolveInside(root: string, relative: string): Promise<string> {
  if (relative.includes('\0')) throw outside(relative.replace(/\0/g, '\\0'), 'NUL byte');
  if (path.posix.isAbsolute(relative) || path.win32.isAbsolute(relative) || /^[A-Za-z]:/.test(relative)) {
    throw outside(relative, 'absolute path');
  }
  const absRoot = path.resolve(root);
  const target = path.resolve(absRoot, relative);
  if (!isInside(absRoot, target)) throw outside(relative, '".." leaves the root');

  const realRoot = await fs.realpath(absRoot);
  let candidate = target;
  for (;;) {
    try {
      const real = await fs.realpath(candidate);
      if (!isInside(realRoot, real)) throw outside(relative, 'symlink leads out');
      return target;
    } catch (error) {
      if (error instanceof AppError) throw error;
      const code = errnoCode(error);
      if (code !== 'ENOENT' && code !== 'ENOTDIR') throw error;
    }
    // Missing: it may still be a dangling symlink whose (future) target is outside.
    const link = await fs.readlink(candidate).catch(() => null);
    if (link !== null) {
      const linkTarget = path.resolve(path.dirname(candidate), link);
      if (!isInside(absRoot, linkTarget) && !isInside(realRoot, linkTarget)) {
        throw outside(relative, 'dangling symlink leads out');
      }
    }
    const parent = path.dirname(candidate);
    if (parent === candidate || !isInside(absRoot, parent)) {
      // Reached the root without finding anything: the root itself is gone.
      throw new AppError('NOT_FOUND', `workspace folder ${absRoot} no longer exists`);
    }
    candidate = parent;
  }
}

/** The workspace-relative, `/`-separated form of an absolute path below `root`. */
export function toRelative(root: string, absolute: string): string {
  return path.relative(root, absolute).split(path.sep).join('/');
}
