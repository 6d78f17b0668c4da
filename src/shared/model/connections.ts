import { z } from 'zod';
import { workspacePathSchema } from './common';

/** Data source names: up to 50 characters of `[A-Za-z0-9_]` (EnOS data source rule). */
export const connectionNameSchema = z
  .string()
  .regex(/^[A-Za-z0-9_]{1,50}$/, 'must be 1-50 characters of letters, digits or "_"');

const base = { name: connectionNameSchema, description: z.string().optional() };
const db = {
  ...base,
  host: z.string().min(1),
  database: z.string().min(1),
  user: z.string().min(1),
};

export const connectionSchema = z.discriminatedUnion('type', [
  z.strictObject({ ...base, type: z.literal('FILE'), path: workspacePathSchema }),
  z.strictObject({
    ...db,
    type: z.literal('POSTGRESQL'),
    port: z.number().int().min(1).max(65535).default(5432),
    schema: z.string().optional(),
  }),
  z.strictObject({ ...db, type: z.literal('MYSQL'), port: z.number().int().min(1).max(65535).default(3306) }),
  z.strictObject({ ...base, type: z.literal('WAREHOUSE') }),
]);
export type Connection = z.output<typeof connectionSchema>;
export type ConnectionType = Connection['type'];

/** The name Data Sync targets default to: the local warehouse. */
export const DEFAULT_WAREHOUSE_CONNECTION = 'warehouse';

/** `connections.yaml`: data sources for Data Sync (never passwords). */
export const connectionsFileSchema = z
  .strictObject({ connections: z.array(connectionSchema).default([]) })
  .superRefine((f, ctx) => {
    const seen = new Set<string>();
    f.connections.forEach((c, i) => {
      if (seen.has(c.name))
        ctx.addIssue({
          code: 'custom',
          path: ['connections', i, 'name'],
          message: `duplicate connection name "${c.name}"`,
        });
      seen.add(c.name);
    });
  });
export type ConnectionsFile = z.output<typeof connectionsFileSchema>;
