import { stat } from 'node:fs/promises';
import path from 'node:path';

/** Whether `root` holds a `bdp.yaml`. */
export async function isWorkspace(root: string): Promise<boolean> {
  return (await stat(path.join(root, 'bdp.yaml')).catch(() => null))?.isFile() === true;
}

/** The one line a command says outside a workspace, with how to point at one. */
export function notAWorkspace(command: string, root: string): string {
  const how =
    command === 'validate'
      ? `bdp validate path/to/workspace`
      : `bdp ${command} ... --workspace path/to/workspace`;
  return `bdp ${command}: ${root} is not a workspace (no bdp.yaml): run it inside a workspace folder, or point at one: ${how}`;
}
