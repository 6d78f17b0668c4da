import { z } from 'zod';
import { entityName, isoDate } from './fields';

/** A database connection and where its password would come from (never the password). */
export interface ConnectionPasswordInfo {
  connection: string;
  type: 'POSTGRESQL' | 'MYSQL';
  /** `user@host:port/database`. */
  target: string;
  /** A password is in the secure store. */
  stored: boolean;
  /** The environment variable read first, e.g. `BDP_CONN_CRM_PASSWORD`. */
  envVar: string;
  /** That variable is set (it wins over the store). */
  fromEnv: boolean;
}

/** The first rows of a Data Sync task's source, every value as text (designer "Preview source"). */
export interface SourcePreviewResult {
  columns: string[];
  rows: (string | null)[][];
  /** Files read (FILE sources), relative to the connection's folder. */
  files: string[];
  /** The source after `${...}` substitution, as read. */
  resolved: { connection: string; path?: string; table?: string; filter?: string; partition?: string };
}

export interface RunPreviewSourceArgs {
  /** Workflow name or workspace-relative `.workflow.yaml` path; the saved file is read. */
  workflow: string;
  /** A DATA_SYNC task of the workflow. */
  task: string;
  /** Business date the placeholders are resolved for; default yesterday. */
  businessDate?: string;
  /** Rows, 1-200 (default 20). */
  limit?: number;
}

/** Database connections' passwords and Data Sync source previews, read by the runner. */
export interface ConnectionsService {
  /**
   * The first rows of a Data Sync task's source, read as the task would read them (placeholders
   * substituted for the business date). Errors: `NOT_FOUND` (workflow, task), `INVALID_ARGUMENT`
   * (not a Data Sync task, unknown connection, unreadable source).
   */
  previewSource(args: RunPreviewSourceArgs): Promise<SourcePreviewResult>;
  /**
   * The database connections of connections.yaml and whether a password is known for each
   * (secure store, or `BDP_CONN_<NAME>_PASSWORD` in the app's environment). Never the password.
   */
  listConnectionPasswords(): Promise<ConnectionPasswordInfo[]>;
  /**
   * Stores a database connection's password in the secure store (an empty password forgets it);
   * Data Sync tasks get it at task start. Errors: `NOT_FOUND` (no such database connection).
   */
  setConnectionPassword(args: { connection: string; password: string }): Promise<void>;
}

const date = isoDate;
const name = entityName;

export const connectionMethods = {
  listConnectionPasswords: z.undefined().optional(),
  setConnectionPassword: z.object({
    connection: z.string().regex(/^[A-Za-z0-9_]{1,50}$/),
    password: z.string().max(4096),
  }),
  previewSource: z.object({
    workflow: name,
    task: name,
    businessDate: date.optional(),
    limit: z.number().int().min(1).max(200).optional(),
  }),
};
