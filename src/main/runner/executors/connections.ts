import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Connection } from '../../../shared/model';
import { parseConnections } from '../../../shared/connections';

/** Reads `connections.yaml` of a workspace; a missing file means no connections (the warehouse is implicit). */
export async function loadConnections(workspaceRoot: string): Promise<Connection[]> {
  let text: string;
  try {
    text = await readFile(join(workspaceRoot, 'connections.yaml'), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  return parseConnections(text);
}
