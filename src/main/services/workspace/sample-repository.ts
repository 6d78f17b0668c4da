import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { GitServiceNode } from '../git/git-service';
import { initWorkspaceRepository, type WorkspaceGitOptions } from '../git/workspace-git-service';
import {
  parseResourceFile,
  RESOURCES_DIR,
  RESOURCE_SUFFIX,
  withVersionAdded,
} from '../resources/resource-file';

/** The version every sample resource gets from the sample's first commit; the sample's tasks pin it. */
export const SAMPLE_RESOURCE_VERSION = 'V1.0.0';

/** The first commits of a sample copy are the user's when Settings has an author, BDP Studio's otherwise. */
export function sampleAuthor(configured: { name: string; email: string } | undefined): {
  name: string;
  email: string;
} {
  return configured?.name.trim() && configured.email.trim()
    ? configured
    : { name: 'BDP Studio', email: 'sample@bdp-studio.invalid' };
}

/**
 * Makes a fresh copy of the bundled sample what a user's workspace would be after a day's work:
 * a git repository whose first commit holds the files, and V1.0.0 of every resource cut from
 * that commit (second commit). The sample's tasks pin V1.0.0, so its pre-runs and publishes run
 * real resource versions from the first minute.
 */
export async function prepareSampleRepository(root: string, options: WorkspaceGitOptions): Promise<void> {
  const withAuthor = { ...options, author: async () => sampleAuthor(await options.author?.()) };
  const first = await initWorkspaceRepository(root, withAuthor, 'Sample workspace');
  if (!first.oid) return;
  const dir = path.join(root, RESOURCES_DIR);
  const changed: string[] = [];
  for (const name of (await fs.readdir(dir).catch(() => [] as string[])).sort()) {
    if (!name.endsWith(RESOURCE_SUFFIX)) continue;
    const rel = `${RESOURCES_DIR}/${name}`;
    const text = await fs.readFile(path.join(root, rel), 'utf8');
    const rd = parseResourceFile(text, rel);
    const source = rd.resource.source;
    if (source === undefined || rd.resource.versions.some((v) => v.version === SAMPLE_RESOURCE_VERSION))
      continue;
    const bytes = await fs.readFile(path.join(root, source));
    const version = {
      version: SAMPLE_RESOURCE_VERSION,
      description: 'as shipped with the sample',
      commit: first.oid,
      path: source,
      sha256: createHash('sha256').update(bytes).digest('hex'),
      size: bytes.length,
      createdAt: new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'),
    };
    await fs.writeFile(path.join(root, rel), withVersionAdded(rd, version));
    changed.push(rel);
  }
  if (changed.length === 0) return;
  const git = new GitServiceNode({ ...withAuthor, root });
  try {
    await git.stage({ paths: changed });
    await git.commit({
      message: `Resource versions ${SAMPLE_RESOURCE_VERSION}`,
      author: await withAuthor.author(),
    });
  } finally {
    await git.dispose();
  }
}
