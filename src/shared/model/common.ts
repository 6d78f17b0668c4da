import { z } from 'zod';

/** Names of workflows, tasks, references and resources: `[A-Za-z0-9_-]`, 1-64 chars. */
export const nameSchema = z
  .string()
  .regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be 1-64 characters of letters, digits, "_" or "-"');

/** A workspace-relative path with `/` separators that stays inside the workspace. */
export const workspacePathSchema = z
  .string()
  .min(1)
  .refine((p) => !p.startsWith('/') && !/^[A-Za-z]:/.test(p) && !p.split(/[\\/]/).includes('..'), {
    message: 'must be a workspace-relative path without ".."',
  });

/** A calendar date `YYYY-MM-DD` that exists. */
export const dateSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD')
  .refine((s) => {
    const [y, m, d] = s.split('-').map(Number);
    const t = new Date(Date.UTC(y, m - 1, d));
    return t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d;
  }, 'is not a real calendar date');

/** A scalar a person may write unquoted in YAML (`limit: 10`), kept as a string. */
export const stringish = z.union([z.string(), z.number(), z.boolean()]).transform((v) => String(v));

/** `key -> value` parameters; keys are usable as `${key}`. */
export const parametersSchema = z.record(
  z
    .string()
    .regex(
      /^[A-Za-z_][A-Za-z0-9_.]*$/,
      'parameter names use letters, digits, "_" and "." and start with a letter or "_"',
    ),
  stringish,
);
