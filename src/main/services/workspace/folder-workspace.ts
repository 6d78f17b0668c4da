import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { FileContent, WorkspaceService } from '../../../shared/contract';
import { AppError } from '../../../shared/rpc/errors';
import { resolveInside } from './path-guard';

export type FolderWorkspace = Pick<WorkspaceService, 'current' | 'readFile' | 'writeFile'>;

/**
 * The part of `WorkspaceService` the sync service needs, over a folder and nothing else: no
 * watching, no validation, no recent list. What the CLI gives the services it shares with the app.
 */
export function folderWorkspace(root: () => string): FolderWorkspace {
  const versionOf = (s: { mtimeMs: number; size: number }): string => `${Math.trunc(s.mtimeMs)}-${s.size}`;
  return {
    current: () => Promise.resolve({ root: root(), name: path.basename(root()), bare: false }),
    readFile: async ({ path: rel }) => {
      const file = await resolveInside(root(), rel);
      try {
        const [text, stat] = await Promise.all([fs.readFile(file, 'utf8'), fs.stat(file)]);
        return {
          path: rel,
          text,
          encoding: 'utf-8',
          version: versionOf(stat),
          size: stat.size,
          truncated: false,
        } satisfies FileContent;
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'ENOENT')
          throw new AppError('NOT_FOUND', `${rel} does not exist`);
        throw e;
      }
    },
    writeFile: async ({ path: rel, text }) => {
      const file = await resolveInside(root(), rel);
      const staging = `${file}.bdp-tmp-${randomBytes(6).toString('hex')}`;
      await fs.writeFile(staging, text);
      await fs.rename(staging, file);
      return { version: versionOf(await fs.stat(file)) };
    },
  };
}
