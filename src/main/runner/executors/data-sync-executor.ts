import type { Connection, DataSyncTask, SyncConfig } from '../../../shared/model';
import type { PreparedTask, TaskExecution, TaskExecutor, TaskOutcome, TaskRunContext } from '../task-executor';
import { Warehouse } from '../warehouse/warehouse';
import { loadConnections } from './connections';
import { runFileToWarehouse, type SyncJob, type SyncResult } from './data-sync';
import { maskSecret } from './db-client';
import { runDatabaseToWarehouse, runWarehouseToDatabase } from './db-sync';
import { connectionPassword, findConnection, passwordEnvVar } from '../../../shared/connections';

/** Asks main for a connection's password from the secure store (over the runner's IPC channel); never a file. */
export type PasswordLookup = (connection: Connection) => Promise<string | undefined>;

const isDb = (c: Connection): boolean => c.type === 'POSTGRESQL' || c.type === 'MYSQL';

/** Picks the sync direction from the two connection kinds. */
async function runSync(job: SyncJob & { password?: string }): Promise<SyncResult> {
  const { source, target } = job;
  if (source.type === 'FILE') return runFileToWarehouse(job);
  if (isDb(source)) return runDatabaseToWarehouse(job);
  if (source.type === 'WAREHOUSE' && isDb(target)) return runWarehouseToDatabase(job);
  throw new Error(`a sync from ${source.type} (${source.name}) to ${target.type} (${target.name}) is not supported: sources are FILE, POSTGRESQL, MYSQL into the warehouse, or the warehouse into POSTGRESQL / MYSQL`);
}

/** Substitutes `${...}` in the parts of a sync config that take variables (paths, table names, filter, partition value). */
function substituteSync(sync: SyncConfig, ctx: TaskRunContext): { sync: SyncConfig; unresolved: string[] } {
  const unresolved = new Set<string>();
  const sub = (s: string | undefined): string | undefined => {
    if (s === undefined) return undefined;
    const r = ctx.substitute(s);
    r.unresolved.forEach((u) => unresolved.add(u));
    return r.text;
  };
  const out: SyncConfig = {
    ...sync,
    source: { ...sync.source, path: sub(sync.source.path), table: sub(sync.source.table), filter: sub(sync.source.filter), partition: sub(sync.source.partition) },
    target: { ...sync.target, table: sub(sync.target.table) ?? sync.target.table },
  };
  if (sync.target.partition) out.target.partition = { ...sync.target.partition, value: sub(sync.target.partition.value) };
  return { sync: out, unresolved: [...unresolved] };
}

/** The `max_rejected_rows` task/workflow parameter, when set (a non-negative integer). */
function maxRejected(ctx: TaskRunContext): number | undefined {
  const r = ctx.substitute('${max_rejected_rows}');
  if (r.unresolved.length > 0) return undefined;
  const n = Number(r.text.trim());
  if (!Number.isInteger(n) || n < 0) throw new Error(`max_rejected_rows must be a whole number >= 0, got "${r.text}"`);
  return n;
}

/** Data Sync, in the runner process: files and databases into the local warehouse, and back (see docs/decisions.md). */
export class DataSyncTaskExecutor implements TaskExecutor {
  constructor(private readonly lookupPassword?: PasswordLookup) {}

  async prepare(ctx: TaskRunContext): Promise<PreparedTask> {
    const task = ctx.task as DataSyncTask;
    const { sync, unresolved } = substituteSync(task.sync, ctx);
    const part = sync.target.partition;
    const from = sync.source.path !== undefined ? `${sync.source.connection}:${sync.source.path}` : `${sync.source.connection}:${sync.source.table}`;
    const commandLine = `sync ${from} -> ${sync.target.connection}:${sync.target.table}${part ? ` (${part.column}${part.fill === 'column' ? ` from column ${part.value ?? part.column}` : `=${part.value ?? ''}`})` : ''} ${sync.target.writeRule}`;
    const connections = await loadConnections(ctx.cwd);
    const source = findConnection(connections, sync.source.connection);
    const target = findConnection(connections, sync.target.connection);
    const maxRejectedRows = maxRejected(ctx);
    return {
      commandLine,
      unresolved,
      start: (): TaskExecution => {
        const abort = new AbortController();
        let password: string | undefined;
        const log = (line: string): void => ctx.onOutput('stdout', `${maskSecret(line, password)}\n`);
        const done = (async (): Promise<TaskOutcome> => {
          try {
            const db = isDb(source) ? source : isDb(target) ? target : undefined;
            if (db) {
              const r = await connectionPassword(db.name, ctx.env, this.lookupPassword ? () => this.lookupPassword!(db) : undefined);
              password = r.password;
              log(`password of ${db.name}: ${r.from === 'env' ? `from ${passwordEnvVar(db.name)}` : r.from === 'store' ? 'from the secure store' : `none set (store one in the app or set ${passwordEnvVar(db.name)})`}`);
            }
            const job = { sync, workspaceRoot: ctx.cwd, source, target, warehouse: Warehouse.forWorkspace(ctx.cwd), maxRejectedRows, log, signal: abort.signal, password };
            await runSync(job);
            return { success: true };
          } catch (error) {
            const message = abort.signal.aborted ? 'stopped' : maskSecret(error instanceof Error ? error.message : String(error), password);
            ctx.onOutput('stderr', `sync failed: ${message}\n`);
            return { success: false, message };
          }
        })();
        return {
          done,
          cancel: async (): Promise<void> => {
            abort.abort();
            await done;
          },
        };
      },
    };
  }
}
