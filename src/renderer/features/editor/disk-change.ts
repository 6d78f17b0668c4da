/** What to do with an open document when the file on disk has a new version. */
export type DiskChangeAction =
  /** Same version we already have (our own save echoing back). */
  | 'ignore'
  /** Disk text equals the editor text: just take the new version. */
  | 'adopt-version'
  /** No unsaved edits: replace the text, keep the cursor. */
  | 'reload'
  /** Unsaved edits would be lost: ask (Reload / Keep mine / Compare). */
  | 'prompt';

export interface DiskChangeInput {
  dirty: boolean;
  baseVersion: string;
  diskVersion: string;
  diskText: string;
  editorText: string;
}

export function decideDiskChange(input: DiskChangeInput): DiskChangeAction {
  if (input.diskVersion === input.baseVersion) return 'ignore';
  if (input.diskText === input.editorText) return 'adopt-version';
  return input.dirty ? 'prompt' : 'reload';
}

/** Why the conflict bar shows: a save was refused, or the file changed under unsaved edits. */
export type ConflictKind = 'save-refused' | 'changed-on-disk';

/** The choice in the dirty-close dialog. */
export type CloseChoice = 'save' | 'discard' | 'cancel';
