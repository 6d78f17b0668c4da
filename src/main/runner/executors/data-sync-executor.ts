import type { Connection, DataSyncTask, SyncConfig } from '../../../shared/model';
import type {
  PreparedTask,
  TaskExecution,
  TaskExecutor,
  TaskOutcome,
  TaskRunContext,
} from '../task-executor';
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
  throw new Error(
    `a sync from ${source.type} (${source.name}) to ${target.type} (${target.name}) is not supported: sources are FILE, POSTGRESQL, MYSQL into the warehouse, or the warehouse into POSTGRESQL / MYSQL`,
  );
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
    source: {
      ...sync.source,
      path: sub(sync.source.path),
      table: sub(sync.source.table),
      filter: sub(sync.source.filter),
      partition: sub(sync.source.partition),
    },
    target: { ...sync.target, table: sub(sync.target.table) ?? sync.target.table },
  };
  if (sync.target.partition)
    out.target.partition = { ...sync.target.partition, value: sub(sync.target.partition.value) };
  return { sync: out, unresolved: [...unresolved] };
}

const EACH_VALUE = /\$\{([A-Za-z_][A-Za-z0-9_.]*)\}\.each_value/g;
const ARRAY_VALUE = /^\s*Array\[([\s\S]*)\]\s*$/;

/** One pass of a sync over one value of an array parameter (or the only pass). */
interface SyncPass {
  sync: SyncConfig;
  /** `dates = 20261123`, for the log. */
  label?: string;
}

/**
 * `${key}.each_value` with `key=Array[v1,v2,…]` (spec §2.1, §3.3): one pass per value, in order,
 * the reference replaced by the value. The write rule holds for the task as a whole: unless the
 * target partition itself names the value, only the first pass overwrites and the others append,
 * so the target ends with every value's rows (docs/decisions.md "Pre-run parity").
 */
function syncPasses(sync: SyncConfig, ctx: TaskRunContext): SyncPass[] {
  const text = JSON.stringify(sync);
  const keys = [...new Set([...text.matchAll(EACH_VALUE)].map((m) => m[1]))];
  if (keys.length === 0) return [{ sync }];
  if (keys.length > 1)
    throw new Error(
      `one array parameter per Data Sync task: found ${keys.map((k) => `\${${k}}.each_value`).join(' and ')}`,
    );
  const key = keys[0];
  const value = ctx.substitute(`\${${key}}`);
  const m = ARRAY_VALUE.exec(value.text);
  if (value.unresolved.length > 0 || !m)
    throw new Error(
      `\${${key}}.each_value needs ${key} to be an array parameter, ${key}=Array[v1,v2,…]; ${value.unresolved.length > 0 ? `${key} is not defined` : `it is "${value.text}"`}`,
    );
  const values = m[1]
    .split(',')
    .map((v) => v.trim())
    .filter((v) => v !== '');
  if (values.length === 0) throw new Error(`${key} is an empty array: nothing to sync`);
  const reference = `\${${key}}.each_value`;
  const perValuePartition = sync.target.partition?.value?.includes(reference) === true;
  return values.map((v, i) => {
    const one = JSON.parse(text.split(reference).join(v.replace(/["\\]/g, (c) => `\\${c}`))) as SyncConfig;
    if (i > 0 && !perValuePartition) one.target = { ...one.target, writeRule: 'append' };
    return { sync: one, label: `${key} = ${v} (${i + 1} of ${values.length})` };
  });
}

/** The `max_rejected_rows` task/workflow parameter, when set (a non-negative integer). */
function maxRejected(ctx: TaskRunContext): number | undefined {
  const r = ctx.substitute('${max_rejected_rows}');
  if (r.unresolved.length > 0) return undefined;
  const n = Number(r.text.trim());
  if (!Number.isInteger(n) || n < 0)
    throw new Error(`max_rejected_rows must be a whole number >= 0, got "${r.text}"`);
  return n;
}

/** Data Sync, in the runner process: files and databases into the local warehouse, and back (see docs/decisions.md). */
export class DataSyncTaskExecutor implements TaskExecutor {
  constructor(private readonly lookupPassword?: PasswordLookup) {}

  async prepare(ctx: TaskRunContext): Promise<PreparedTask> {
    const task = ctx.task as DataSyncTask;
    const passes = syncPasses(task.sync, ctx).map((p) => ({ ...p, ...substituteSync(p.sync, ctx) }));
    const { sync } = passes[0];
    const unresolved = [...new Set(passes.flatMap((p) => p.unresolved))];
    const part = sync.target.partition;
    const from =
      sync.source.path !== undefined
        ? `${sync.source.connection}:${sync.source.path}`
        : `${sync.source.connection}:${sync.source.table}`;
    const over = passes.length > 1 ? ` (${passes.length} passes, one per value of the array)` : '';
    const commandLine = `sync ${from} -> ${sync.target.connection}:${sync.target.table}${part ? ` (${part.column}${part.fill === 'column' ? ` from column ${part.value ?? part.column}` : `=${part.value ?? ''}`})` : ''} ${sync.target.writeRule}${over}`;
    const connections = await loadConnections(ctx.workspaceRoot);
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
              const r = await connectionPassword(
                db.name,
                ctx.env,
                this.lookupPassword ? () => this.lookupPassword!(db) : undefined,
              );
              password = r.password;
              log(
                `password of ${db.name}: ${r.from === 'env' ? `from ${passwordEnvVar(db.name)}` : r.from === 'store' ? 'from the secure store' : `none set (store one in the app or set ${passwordEnvVar(db.name)})`}`,
              );
            }
            for (const pass of passes) {
              if (pass.label)
                log(
                  `-- ${pass.label}: ${pass.sync.source.path ?? pass.sync.source.table}${pass.sync.target.partition?.value ? ` -> ${pass.sync.target.partition.column}=${pass.sync.target.partition.value}` : ''}, ${pass.sync.target.writeRule}`,
                );
              const job = {
                sync: pass.sync,
                workspaceRoot: ctx.workspaceRoot,
                source,
                target,
                warehouse: Warehouse.forWorkspace(ctx.workspaceRoot),
                maxRejectedRows,
                log,
                signal: abort.signal,
                password,
              };
              await runSync(job);
            }
            return { success: true };
          } catch (error) {
            const message = abort.signal.aborted
              ? 'stopped'
              : maskSecret(error instanceof Error ? error.message : String(error), password);
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
