import type { DataSyncTask, SyncConfig } from '../../../shared/model';
import type { PreparedTask, TaskExecution, TaskExecutor, TaskOutcome, TaskRunContext } from '../task-executor';
import { Warehouse } from '../warehouse/warehouse';
import { findConnection, loadConnections } from './connections';
import { runFileToWarehouse } from './data-sync';

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

/** Data Sync, in the runner process: file sources into the local warehouse (see docs/decisions.md). */
export class DataSyncTaskExecutor implements TaskExecutor {
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
        const log = (line: string): void => ctx.onOutput('stdout', `${line}\n`);
        const done = (async (): Promise<TaskOutcome> => {
          try {
            if (source.type !== 'FILE') throw new Error(`${source.type} sources are not supported in pre-runs yet (only FILE sources into the warehouse)`);
            await runFileToWarehouse({ sync, workspaceRoot: ctx.cwd, source, target, warehouse: Warehouse.forWorkspace(ctx.cwd), maxRejectedRows, log, signal: abort.signal });
            return { success: true };
          } catch (error) {
            const message = abort.signal.aborted ? 'stopped' : error instanceof Error ? error.message : String(error);
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
