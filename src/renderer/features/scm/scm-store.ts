import type { GitAuthor, GitStatus } from '../../../shared/contract/git';
import { attempt, notify, notifyError } from '../../app/notifications';
import { createStore } from '../../app/store';
import { client } from '../../platform/services';
import { onFilesChanged, workspaceStore } from '../workspace';

export interface ScmState {
  status: GitStatus | null;
  /** The commit message box, kept while the view is hidden. */
  message: string;
  busy: boolean;
}

export const scmStore = createStore<ScmState>({ status: null, message: '', busy: false });

/** Which paths the user asked to discard, waiting for confirmation. */
export const discardPromptStore = createStore<{ paths: string[]; untracked: number } | null>(null);

/** The one-time "who are you" question before the first commit when Settings has no author. */
export const authorPromptStore = createStore<{ answer: (author: GitAuthor | null) => void } | null>(null);

/** The "Create Branch" input, open while non-null. */
export const createBranchPromptStore = createStore<{ open: true } | null>(null);

let generation = 0;

export async function refreshScm(): Promise<void> {
  if (!workspaceStore.get().workspace) return;
  const mine = ++generation;
  try {
    const status = await client.git.status();
    if (mine === generation) scmStore.set((s) => ({ ...s, status }));
  } catch (error) {
    if (mine === generation) scmStore.set((s) => ({ ...s, status: null }));
    notifyError(error, 'Could not read the git status');
  }
}

let initialised = false;

/** Subscribes once: git's own status events, workspace switches and file changes (batched by main). */
export function initScm(): void {
  if (initialised) return;
  initialised = true;
  client.git.onDidChangeStatus((status) => {
    generation++;
    scmStore.set((s) => ({ ...s, status }));
  });
  let root = workspaceStore.get().workspace?.root ?? null;
  workspaceStore.subscribe(() => {
    const next = workspaceStore.get().workspace?.root ?? null;
    if (next === root) return;
    root = next;
    scmStore.set((s) => ({ ...s, status: null, message: '' }));
    if (next) void refreshScm();
  });
  // Main refreshes git on file changes and fires onDidChangeStatus; this catches what it coalesced away.
  let timer: ReturnType<typeof setTimeout> | undefined;
  onFilesChanged(() => {
    clearTimeout(timer);
    timer = setTimeout(() => void refreshScm(), 400);
  });
  void refreshScm();
}

async function run(action: () => Promise<unknown>, context: string): Promise<boolean> {
  scmStore.set((s) => ({ ...s, busy: true }));
  try {
    await action();
    return true;
  } catch (error) {
    notifyError(error, context);
    return false;
  } finally {
    scmStore.set((s) => ({ ...s, busy: false }));
    void refreshScm();
  }
}

export const stage = (paths: string[]): Promise<boolean> =>
  run(() => client.git.stage({ paths }), 'Could not stage');
export const unstage = (paths: string[]): Promise<boolean> =>
  run(() => client.git.unstage({ paths }), 'Could not unstage');

export function askDiscard(paths: string[]): void {
  const files = scmStore.get().status?.files ?? [];
  const untracked = files.filter((f) => paths.includes(f.path) && f.worktree === 'untracked').length;
  discardPromptStore.set({ paths, untracked });
}

export async function confirmDiscard(): Promise<void> {
  const prompt = discardPromptStore.get();
  discardPromptStore.set(null);
  if (prompt) await run(() => client.git.discard({ paths: prompt.paths }), 'Could not discard changes');
}

export function setCommitMessage(message: string): void {
  scmStore.set((s) => ({ ...s, message }));
}

function askAuthor(): Promise<GitAuthor | null> {
  return new Promise((resolve) => {
    authorPromptStore.get()?.answer(null);
    authorPromptStore.set({
      answer: (author) => {
        authorPromptStore.set(null);
        resolve(author);
      },
    });
  });
}

/** The author from Settings; asks once (and saves the answer) when it is not set. Null: cancelled. */
export async function ensureAuthor(): Promise<boolean> {
  const settings = await client.settings.get();
  if (settings.gitAuthorName.trim() && settings.gitAuthorEmail.trim()) return true;
  const author = await askAuthor();
  if (!author) return false;
  await client.settings.update({ patch: { gitAuthorName: author.name, gitAuthorEmail: author.email } });
  return true;
}

/**
 * Commits the staged changes with the message box's text. With nothing staged but changes
 * present, asks nothing and stages everything first, as VS Code's "smart commit" does.
 */
export async function commit(): Promise<boolean> {
  const { message, status } = scmStore.get();
  if (!message.trim()) {
    notify('warning', 'Type a commit message first.');
    return false;
  }
  if (!status || status.files.length === 0) {
    notify('info', 'There are no changes to commit.');
    return false;
  }
  const ok = await attempt(ensureAuthor, 'Could not read the git author');
  if (!ok) return false;
  const stagedNothing = !status.files.some((f) => f.staged);
  const done = await run(async () => {
    if (stagedNothing) await client.git.stage({ paths: status.files.map((f) => f.path) });
    const { oid } = await client.git.commit({ message });
    notify('info', `Committed ${oid.slice(0, 7)}: ${message.split('\n')[0]}`);
  }, 'Could not commit');
  if (done) scmStore.set((s) => ({ ...s, message: '' }));
  return done;
}

/** Opens the "Create Branch" input (status-bar branch picker, "Git: Create Branch…"). */
export function askCreateBranch(): void {
  createBranchPromptStore.set({ open: true });
}

/**
 * Creates branch `name` from HEAD and switches to it (uncommitted changes come along).
 * Returns the error message to show in the input, or null when done.
 */
export async function createBranch(name: string): Promise<string | null> {
  scmStore.set((s) => ({ ...s, busy: true }));
  try {
    await client.git.createBranch({ name });
    notify('info', `Created and switched to branch ${name}.`);
    return null;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  } finally {
    scmStore.set((s) => ({ ...s, busy: false }));
    void refreshScm();
  }
}
