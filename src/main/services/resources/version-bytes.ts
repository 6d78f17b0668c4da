import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { ResourceVersion } from '../../../shared/model/resource';
import { IsoGitBackend } from '../git/iso-git-backend';

export const sha256Hex = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

export type VersionBytes = { ok: true; bytes: Uint8Array } | { ok: false; reason: string };

/**
 * The bytes of a resource version, always equal to its recorded sha256: the working-tree file
 * when it still matches (no git read), else the blob at the recorded commit. Otherwise why not.
 */
export async function readVersionBytes(root: string, version: ResourceVersion): Promise<VersionBytes> {
  try {
    const bytes = await readFile(path.join(root, version.path));
    if (sha256Hex(bytes) === version.sha256) return { ok: true, bytes };
  } catch {
    // not in the working tree: the commit has it
  }
  let bytes: Uint8Array | undefined;
  const git = new IsoGitBackend({ root });
  try {
    bytes = (await git.readBlob(version.path, { kind: 'commit', ref: version.commit }))?.bytes;
  } catch (error) {
    return {
      ok: false,
      reason: `cannot read ${version.path} at commit ${version.commit.slice(0, 7)}: ${error instanceof Error ? error.message : String(error)}`,
    };
  } finally {
    git.dispose();
  }
  if (!bytes)
    return {
      ok: false,
      reason: `${version.path} is not in commit ${version.commit.slice(0, 7)} (was the history rewritten?)`,
    };
  const actual = sha256Hex(bytes);
  if (actual !== version.sha256)
    return {
      ok: false,
      reason: `${version.path} at ${version.commit.slice(0, 7)} has sha256 ${actual.slice(0, 12)}…, the version records ${version.sha256.slice(0, 12)}…`,
    };
  return { ok: true, bytes };
}
