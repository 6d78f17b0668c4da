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
          ctx.addIssue({ code: 'custom', path: [key], message: `"${key}" looks like a secret; secrets live in the OS secure store, not in bdp.yaml` });
        }
      }
    }),
});
export type Environment = z.output<typeof environmentSchema>;

/** `bdp.yaml`: workspace settings (no secrets). */
export const workspaceConfigSchema = z
  .strictObject({
    name: z.string().min(1).max(100),
    description: z.string().optional(),
    /** IANA zone for trigger times; absent = the machine's zone. */
    timezone: z.string().regex(/^(UTC|[A-Za-z_]+(\/[A-Za-z0-9_+-]+)+|GMT[+-]\d{1,2}|Etc\/[A-Za-z0-9+-]+)$/, 'must be an IANA time zone such as Asia/Shanghai').optional(),
    parallelism: z.number().int().min(1).max(64).default(4),
    environments: z.array(environmentSchema).default([]),
  })
  .superRefine((w, ctx) => {
    const seen = new Set<string>();
    w.environments.forEach((e, i) => {
      if (seen.has(e.name)) ctx.addIssue({ code: 'custom', path: ['environments', i, 'name'], message: `duplicate environment name "${e.name}"` });
      seen.add(e.name);
    });
  });
export type WorkspaceConfig = z.output<typeof workspaceConfigSchema>;
