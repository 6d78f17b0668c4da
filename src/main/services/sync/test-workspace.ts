import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { FileContent, WorkspaceService } from '../../../shared/contract';

/** A `WorkspaceService` over a real folder, enough for the sync service (tests). */
export function folderWorkspace(
  root: () => string,
): Pick<WorkspaceService, 'current' | 'readFile' | 'writeFile'> {
  return {
    current: () => Promise.resolve({ root: root(), name: 'sample', bare: false }),
    readFile: async ({ path: p }) => {
      const text = await readFile(path.join(root(), p), 'utf8');
      return {
        path: p,
        text,
        encoding: 'utf-8',
        version: '1',
        size: text.length,
        truncated: false,
      } satisfies FileContent;
    },
    writeFile: async ({ path: p, text }) => {
      await writeFile(path.join(root(), p), text);
      return { version: '2' };
    },
  };
}
