import { z } from 'zod';

const SECRET_KEY = /pass(word)?|secret|token|private.?key|credential/i;

export const environmentSchema = z.strictObject({
  name: z.string().min(1).max(100),
  kind: z.enum(['enos', 'dolphinscheduler']),
  url: z.string().regex(/^https?:\/\/\S+$/, 'must be an http(s) URL'),
  options: z
    .record(z.string(), z.union([z.string(), z.number(), z.boolean()]))
    .default({})
    .superRefine((opts, ctx) => {
      for (const key of Object.keys(opts)) {
        if (SECRET_KEY.test(key)) {
          ctx.addIssue({
            code: 'custom',
            path: [key],
            message: `"${key}" looks like a secret; secrets live in the OS secure store, not in bdp.yaml`,
          });
        }
      }
    }),
});
export type Environment = z.output<typeof environmentSchema>;

/**
 * `bdp.yaml` `prerun:` how local pre-runs stand in for what only the backend has
 * (docs/decisions.md "Pre-run parity").
 */
export const prerunConfigSchema = z.strictObject({
  /** External APP tasks: `call` sends the request as the backend would; `record` logs it and succeeds. */
  externalApp: z.enum(['call', 'record']).default('call'),
  /** `${env.APP_CUSTOMER}`: the group account of the user (default: the workspace name). */
  appCustomer: z.string().min(1).max(200).optional(),
  /** `${env.APP_ID}`: the App ID instances belong to (default: a UUID derived from the workspace name). */
  appId: z.string().min(1).max(200).optional(),
});
export type PrerunConfig = z.output<typeof prerunConfigSchema>;

/** `bdp.yaml`: workspace settings (no secrets). */
export const workspaceConfigSchema = z
  .strictObject({
    name: z.string().min(1).max(100),
    description: z.string().optional(),
    /** IANA zone for trigger times; absent = the machine's zone. */
    timezone: z
      .string()
      .regex(
        /^(UTC|[A-Za-z_]+(\/[A-Za-z0-9_+-]+)+|GMT[+-]\d{1,2}|Etc\/[A-Za-z0-9+-]+)$/,
        'must be an IANA time zone such as Asia/Shanghai',
      )
      .optional(),
    parallelism: z.number().int().min(1).max(64).default(4),
    environments: z.array(environmentSchema).default([]),
    prerun: prerunConfigSchema.default(() => prerunConfigSchema.parse({})),
  })
  .superRefine((w, ctx) => {
    const seen = new Set<string>();
    w.environments.forEach((e, i) => {
      if (seen.has(e.name))
        ctx.addIssue({
          code: 'custom',
          path: ['environments', i, 'name'],
          message: `duplicate environment name "${e.name}"`,
        });
      seen.add(e.name);
    });
  });
export type WorkspaceConfig = z.output<typeof workspaceConfigSchema>;
