/**
 * Editor tabs that show a view instead of a file. Their paths start with `bdp:/`, which no
 * workspace-relative path does, so the file machinery (content, problems, dirty state)
 * never mistakes them for files.
 */
export const PUBLISH_TAB = 'bdp:/Publish plan';
export const REMOTE_TAB = 'bdp:/Remote operations';

export function isVirtualTab(path: string | null | undefined): boolean {
  return !!path && path.startsWith('bdp:/');
}
