/** Folders never watched nor shown: VCS data, local state, dependency trees. */
export const SKIPPED_DIRS: ReadonlySet<string> = new Set(['.git', '.bdp', 'node_modules']);

/** Marker in the names of the service's temporary files (atomic writes); never reported. */
export const TEMP_MARKER = '.bdp-tmp-';

/** True when a workspace-relative path lies in a skipped folder or is one of our temp files. */
export function isIgnoredPath(relative: string): boolean {
  if (relative === '') return false;
  const parts = relative.split('/');
  if (parts.some((p) => SKIPPED_DIRS.has(p))) return true;
  return parts[parts.length - 1].includes(TEMP_MARKER);
}
