import { z } from 'zod';

/** Input fields several services validate alike. */
export const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD');
/** A workflow, task or connection name as the user typed it (checked for existence by the service). */
export const entityName = z.string().min(1).max(500);
