/** Instance tabs are view tabs (`bdp:/run/<instanceId>`, see publish/virtual-tabs); the tab label is the id. */
export const RUN_TAB_PREFIX = 'bdp:/run/';

export function runTabPath(instanceId: string): string {
  return `${RUN_TAB_PREFIX}${instanceId}`;
}

/** The instance id of a run tab path, or null for a file path. */
export function runTabInstance(path: string | null): string | null {
  return path?.startsWith(RUN_TAB_PREFIX) ? path.slice(RUN_TAB_PREFIX.length) : null;
}
