import { z } from 'zod';
import { nameSchema, workspacePathSchema } from './common';

export const RESOURCE_FORMATS = ['sh', 'jar', 'sql', 'hql', 'xml', 'zip', 'tar', 'tar.gz', 'py'] as const;
export type ResourceFormat = (typeof RESOURCE_FORMATS)[number];

/** `V<major>.<minor>.<patch>`, e.g. `V1.0.0`. */
export const RESOURCE_VERSION_PATTERN = /^V(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$/;

export const resourceVersionStringSchema = z
  .string()
  .regex(RESOURCE_VERSION_PATTERN, 'must look like V<major>.<minor>.<patch>, e.g. V1.0.0');

export const resourceVersionSchema = z.strictObject({
  version: resourceVersionStringSchema,
  description: z.string().optional(),
  commit: z.string().regex(/^[0-9a-f]{7,40}$/, 'must be a git commit id (7-40 hex digits)'),
  path: workspacePathSchema,
  sha256: z.string().regex(/^[0-9a-f]{64}$/, 'must be 64 hex digits'),
  size: z.number().int().min(0),
  createdAt: z
    .string()
    .regex(
      /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/,
      'must be an ISO-8601 timestamp',
    ),
});
export type ResourceVersion = z.output<typeof resourceVersionSchema>;

/** `resources/<name>.resource.yaml`: a named, versioned task resource. */
export const resourceSchema = z
  .strictObject({
    name: nameSchema,
    description: z.string().optional(),
    format: z.enum(RESOURCE_FORMATS),
    /** The working-tree file new versions are cut from. */
    source: workspacePathSchema.optional(),
    versions: z.array(resourceVersionSchema).default([]),
  })
  .superRefine((r, ctx) => {
    const seen = new Set<string>();
    r.versions.forEach((v, i) => {
      if (seen.has(v.version))
        ctx.addIssue({
          code: 'custom',
          path: ['versions', i, 'version'],
          message: `duplicate version ${v.version}`,
        });
      seen.add(v.version);
    });
  });
export type Resource = z.output<typeof resourceSchema>;

/** Compares two `V<x>.<y>.<z>` strings numerically (negative when a < b). */
export function compareResourceVersions(a: string, b: string): number {
  const pa = a.slice(1).split('.').map(Number);
  const pb = b.slice(1).split('.').map(Number);
  for (let i = 0; i < 3; i++) if (pa[i] !== pb[i]) return pa[i] - pb[i];
  return 0;
}
