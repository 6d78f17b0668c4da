import { z } from 'zod';
import { cronError } from '../cron';
import { dateSchema, nameSchema, parametersSchema, stringish, workspacePathSchema } from './common';
import { connectionNameSchema } from './connections';
import { resourceVersionStringSchema } from './resource';

export const TASK_TYPES = ['DATA_SYNC', 'SHELL', 'PYTHON', 'EXTERNAL_APP'] as const;
export type TaskType = (typeof TASK_TYPES)[number];

export const CYCLES = ['M', 'W', 'D', 'H', 'mi'] as const;
export type Cycle = (typeof CYCLES)[number];

/** A 7-field Quartz cron string, checked by the cron parser. */
export const cronSchema = z.string().superRefine((s, ctx) => {
  const err = cronError(s);
  if (err) ctx.addIssue({ code: 'custom', message: `invalid cron: ${err}` });
});

export const positionSchema = z.strictObject({ x: z.number(), y: z.number() });
export type Position = z.output<typeof positionSchema>;

export const scheduleSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('manual') }),
  z.strictObject({
    type: z.literal('periodic'),
    cycle: z.enum(CYCLES),
    cron: cronSchema,
    effectiveDate: dateSchema,
  }),
]);
export type Schedule = z.output<typeof scheduleSchema>;

/** Node Scheduling Config. `cron` and `allowReference` apply to periodic workflows only. */
export const taskConfigSchema = z.strictObject({
  cron: cronSchema.optional(),
  /** Seconds; 0 = no timeout. */
  timeout: z.number().int().min(0).default(0),
  retryTimes: z.number().int().min(0).max(100).default(0),
  /** Seconds between retries. */
  retryInterval: z.number().int().min(0).default(0),
  allowReference: z.boolean().default(false),
  successCode: stringish.default('0'),
});
export type TaskConfig = z.output<typeof taskConfigSchema>;

const keySourceSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('custom'), keys: z.array(stringish).min(1) }),
  z.strictObject({ type: z.literal('file'), connection: connectionNameSchema, path: z.string().min(1) }),
]);

export const runModeSchema = z
  .strictObject({
    mode: z.enum(['single', 'multiple']).default('single'),
    /** Cores per task or sub-task. */
    cpu: z.number().min(0.1).max(2).default(0.5),
    /** GB per task or sub-task. */
    memory: z.number().min(0.3).max(4).default(1),
    maxParallel: z.number().int().min(1).optional(),
    keySource: keySourceSchema.optional(),
  })
  .superRefine((r, ctx) => {
    if (r.mode === 'multiple') {
      if (r.maxParallel === undefined)
        ctx.addIssue({ code: 'custom', path: ['mode'], message: 'mode multiple needs maxParallel' });
      if (r.keySource === undefined)
        ctx.addIssue({ code: 'custom', path: ['mode'], message: 'mode multiple needs keySource' });
    } else {
      if (r.maxParallel !== undefined)
        ctx.addIssue({
          code: 'custom',
          path: ['maxParallel'],
          message: 'maxParallel applies to mode multiple only',
        });
      if (r.keySource !== undefined)
        ctx.addIssue({
          code: 'custom',
          path: ['keySource'],
          message: 'keySource applies to mode multiple only',
        });
    }
  });
export type RunMode = z.output<typeof runModeSchema>;

const taskBase = {
  name: nameSchema,
  description: z.string().optional(),
  position: positionSchema.optional(),
  config: taskConfigSchema.default(() => taskConfigSchema.parse({})),
  parameters: parametersSchema.default({}),
};

export const resourceRefSchema = z.strictObject({ name: nameSchema, version: resourceVersionStringSchema });

const processTask = {
  ...taskBase,
  command: z.string().min(1).optional(),
  resource: resourceRefSchema.optional(),
  script: workspacePathSchema.optional(),
  runMode: runModeSchema.default(() => runModeSchema.parse({})),
};

function checkProcessTask(
  t: { type: string; command?: string; resource?: unknown; script?: string },
  ctx: z.RefinementCtx,
): void {
  if (t.resource !== undefined && t.script !== undefined) {
    ctx.addIssue({
      code: 'custom',
      path: ['script'],
      message: 'give either resource (a published version) or script (a working-tree file), not both',
    });
  }
  if (t.command === undefined && (t.type === 'SHELL' || t.script === undefined)) {
    ctx.addIssue({
      code: 'custom',
      path: ['command'],
      message:
        t.type === 'SHELL'
          ? 'a SHELL task needs command'
          : 'a PYTHON task needs command (inline code or a command line) or script',
    });
  }
}

export const shellTaskSchema = z
  .strictObject({ ...processTask, type: z.literal('SHELL') })
  .superRefine(checkProcessTask);
export const pythonTaskSchema = z
  .strictObject({ ...processTask, type: z.literal('PYTHON') })
  .superRefine(checkProcessTask);

export const syncSourceSchema = z
  .strictObject({
    connection: connectionNameSchema,
    /** File sources: a path inside the connection's folder; variables allowed. */
    path: z.string().min(1).optional(),
    /** Database and warehouse sources. */
    table: z.string().min(1).optional(),
    /** WHERE body without the keyword, database sources. */
    filter: z.string().optional(),
    /** Warehouse sources: the partition to read. */
    partition: z.string().optional(),
    delimiter: z.string().min(1).default(','),
    encoding: z.enum(['UTF-8', 'GBK', 'GB2312']).default('UTF-8'),
    compression: z.enum(['none', 'gzip']).default('none'),
    headerRows: z.number().int().min(0).default(1),
    columns: z.array(z.string().min(1)).optional(),
  })
  .superRefine((s, ctx) => {
    if ((s.path === undefined) === (s.table === undefined)) {
      ctx.addIssue({
        code: 'custom',
        path: ['path'],
        message: 'give path (file sources) or table (database sources), exactly one',
      });
    }
  });

export const syncTargetSchema = z.strictObject({
  table: z.string().min(1),
  connection: connectionNameSchema.default('warehouse'),
  partition: z
    .strictObject({
      column: z.string().min(1),
      fill: z.enum(['column', 'fixed', 'placeholder']),
      value: z.string().optional(),
    })
    .optional(),
  writeRule: z.enum(['overwrite', 'append']),
});

export const syncSchema = z.strictObject({
  source: syncSourceSchema,
  target: syncTargetSchema,
  mapping: z
    .array(
      z.strictObject({ source: z.string().min(1), target: z.string().min(1), type: z.string().optional() }),
    )
    .optional(),
  concurrency: z.number().int().min(1).max(64).default(1),
});
export type SyncConfig = z.output<typeof syncSchema>;

export const dataSyncTaskSchema = z.strictObject({
  ...taskBase,
  type: z.literal('DATA_SYNC'),
  sync: syncSchema,
});

export const appSchema = z.strictObject({
  domain: z.string().regex(/^https?:\/\/[^\s/]+/, 'must be an http(s) URL such as http://127.0.0.1:8765'),
  command: z.string().default(''),
  method: z.enum(['GET', 'POST', 'PUT']).default('GET'),
  headers: z.record(z.string(), stringish).default({}),
  body: z.string().optional(),
  success: z
    .strictObject({
      status: z.number().int().min(100).max(599).optional(),
      jsonPath: z.string().optional(),
      equals: stringish.optional(),
    })
    .optional(),
  poll: z
    .strictObject({
      url: z.string().min(1),
      intervalSeconds: z.number().int().min(1).default(5),
      limit: z.number().int().min(1).default(60),
    })
    .optional(),
});
export type AppConfig = z.output<typeof appSchema>;

export const externalAppTaskSchema = z.strictObject({
  ...taskBase,
  type: z.literal('EXTERNAL_APP'),
  app: appSchema,
});

export const taskSchema = z.discriminatedUnion('type', [
  dataSyncTaskSchema,
  shellTaskSchema,
  pythonTaskSchema,
  externalAppTaskSchema,
]);
export type Task = z.output<typeof taskSchema>;
export type ShellTask = z.output<typeof shellTaskSchema>;
export type PythonTask = z.output<typeof pythonTaskSchema>;
export type DataSyncTask = z.output<typeof dataSyncTaskSchema>;
export type ExternalAppTask = z.output<typeof externalAppTaskSchema>;

export const referenceSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    name: nameSchema,
    kind: z.literal('flow'),
    workflow: nameSchema,
    position: positionSchema.optional(),
  }),
  z.strictObject({
    name: nameSchema,
    kind: z.literal('task'),
    workflow: nameSchema,
    task: nameSchema,
    position: positionSchema.optional(),
  }),
]);
export type Reference = z.output<typeof referenceSchema>;

export const relationSchema = z.strictObject({
  from: nameSchema,
  to: nameSchema,
  /** Whether a rerun / pre-run of the upstream node propagates along this edge. */
  rerun: z.boolean().default(true),
  /** EnOS `cycleGap`; every documented sample is `D0`. */
  cycleGap: z
    .string()
    .regex(/^(M|W|D|H|mi)\d+$/, 'must look like D0')
    .optional(),
});
export type Relation = z.output<typeof relationSchema>;

/** `*.workflow.yaml`. Cross-node rules (names, DAG) live in `dag.ts`. */
export const workflowSchema = z.strictObject({
  name: nameSchema,
  description: z.string().optional(),
  schedule: scheduleSchema,
  alertMode: z.enum(['none', 'email', 'sms', 'email+sms']).default('email'),
  owners: z.array(z.string().min(1)).default([]),
  parameters: parametersSchema.default({}),
  references: z.array(referenceSchema).default([]),
  tasks: z.array(taskSchema).default([]),
  relations: z.array(relationSchema).default([]),
});
export type Workflow = z.output<typeof workflowSchema>;
/** What a person writes: defaults not yet applied. */
export type WorkflowInput = z.input<typeof workflowSchema>;
