import { z } from 'zod';
import { defineService, type Event } from './types';

/** A workspace-relative path with `/` separators, e.g. `workflows/daily/orders.workflow.yaml`. */
export const relativePath = z
  .string()
  .min(1)
  .max(1024)
  .refine((p) => !p.includes('\0'), 'path contains a NUL byte');

export interface WorkspaceInfo {
  /** Absolute path of the workspace root on the host. */
  root: string;
  /** `name` from bdp.yaml, or the folder name. */
  name: string;
  /** True when bdp.yaml is missing (a plain folder opened as a workspace). */
  bare: boolean;
  /** bdp.yaml `timezone`: the zone of trigger times, schedules and business dates; absent = the host's. */
  timezone?: string;
}

export interface RecentWorkspace {
  root: string;
  name: string;
  openedAt: string;
}

export interface FileEntry {
  /** Workspace-relative path. */
  path: string;
  name: string;
  kind: 'file' | 'dir';
  children?: FileEntry[];
}

export type ProblemSeverity = 'error' | 'warning' | 'info';

export interface Problem {
  /** Workspace-relative path of the file. */
  path: string;
  /** 1-based line and column of the start of the offending text. */
  line: number;
  column: number;
  endLine?: number;
  endColumn?: number;
  severity: ProblemSeverity;
  message: string;
  /** What found it: `yaml` (syntax), `schema`, `dag`, `reference`. */
  source: string;
}

export interface FileContent {
  path: string;
  /** The text, or empty when `binary`. */
  text: string;
  /** `binary` when the bytes are not valid UTF-8 text; the editor shows them read-only. */
  encoding: 'utf-8' | 'binary';
  /** Opaque token of the version on disk; pass it back to `writeFile` to detect external edits. */
  version: string;
  size: number;
  /** True when the file is too large to edit (see `MAX_EDITABLE_BYTES`); `text` then holds the head only. */
  truncated: boolean;
}

export const MAX_EDITABLE_BYTES = 10 * 1024 * 1024;

export interface FileChange {
  path: string;
  kind: 'created' | 'changed' | 'deleted';
}

/**
 * Opens workspaces and reads and writes their files. Every path is workspace-relative and
 * confined to the root: `..`, absolute paths and symlinks leading outside fail with
 * `OUTSIDE_WORKSPACE`. Methods other than open/create/openSample/listRecent/current fail with
 * `NO_WORKSPACE` when none is open.
 */
export interface WorkspaceService {
  /** The open workspace, or null. */
  current(): Promise<WorkspaceInfo | null>;
  /** Opens an existing folder. Errors: `NOT_FOUND` when it is missing or not a directory. Fires onDidChangeWorkspace. */
  open(args: { root: string }): Promise<WorkspaceInfo>;
  /** Creates `<parentDir>/<name>` from the empty-workspace template (bdp.yaml, folders, .gitignore) and opens it. Errors: `ALREADY_EXISTS`. */
  create(args: { parentDir: string; name: string }): Promise<WorkspaceInfo>;
  /** Copies the bundled sample workspace into the user's data folder (once) and opens it. */
  openSample(): Promise<WorkspaceInfo>;
  /** Closes the workspace; fires onDidChangeWorkspace(null). */
  close(): Promise<void>;
  /** Recently opened workspaces, newest first, existing folders only. */
  listRecent(): Promise<RecentWorkspace[]>;
  /** The file tree, sorted folders first; skips `.git`, `.bdp` and `node_modules`. */
  tree(): Promise<FileEntry[]>;
  /** Reads a file. Non-UTF-8 files come back with encoding `binary`. Errors: `NOT_FOUND`, `IS_DIRECTORY`. */
  readFile(args: { path: string }): Promise<FileContent>;
  /**
   * Writes a file atomically (temp file + rename), creating parent folders. When
   * `expectedVersion` is given and the file changed on disk since, fails with `CONFLICT`
   * and writes nothing.
   */
  writeFile(args: { path: string; text: string; expectedVersion?: string }): Promise<{ version: string }>;
  /** Creates a folder (and its parents). */
  createDirectory(args: { path: string }): Promise<void>;
  /** Renames or moves a file or folder. Errors: `NOT_FOUND`, `ALREADY_EXISTS`. */
  rename(args: { from: string; to: string }): Promise<void>;
  /** Deletes a file or a folder with its contents. Errors: `NOT_FOUND`; the root cannot be deleted. */
  delete(args: { path: string }): Promise<void>;
  /** All current problems of the workspace files (workflows, resources, connections, bdp.yaml). */
  problems(): Promise<Problem[]>;

  /** Files created, changed or deleted, by the app or by other programs (batched). */
  onDidChangeFiles: Event<FileChange[]>;
  /** The full problem list after any change. */
  onDidChangeProblems: Event<Problem[]>;
  /** A workspace was opened or closed. */
  onDidChangeWorkspace: Event<WorkspaceInfo | null>;
}

const path = relativePath;
const none = z.undefined().optional();

export const workspaceDescriptor = defineService({
  methods: {
    current: none,
    open: z.object({ root: z.string().min(1).max(4096) }),
    create: z.object({
      parentDir: z.string().min(1).max(4096),
      name: z
        .string()
        .min(1)
        .max(100)
        .regex(/^[A-Za-z0-9][A-Za-z0-9 _.-]*$/, 'use letters, digits, space, _ . -'),
    }),
    openSample: none,
    close: none,
    listRecent: none,
    tree: none,
    readFile: z.object({ path }),
    writeFile: z.object({ path, text: z.string(), expectedVersion: z.string().optional() }),
    createDirectory: z.object({ path }),
    rename: z.object({ from: path, to: path }),
    delete: z.object({ path }),
    problems: none,
  },
  events: ['onDidChangeFiles', 'onDidChangeProblems', 'onDidChangeWorkspace'],
});
