import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { GitStatus } from '../../../shared/contract/git';
import { WorkspaceGitService, initWorkspaceRepository } from './workspace-git-service';

const dirs: string[] = [];
afterAll(() => Promise.all(dirs.map((d) => fs.rm(d, { recursive: true, force: true }))));

async function workspace(files: Record<string, string>): Promise<string> {
  const root = await fs.mkdtemp(path.join(os.tmpdir(), 'bdp-wsgit-'));
  dirs.push(root);
  for (const [rel, text] of Object.entries(files)) {
    await fs.mkdir(path.dirname(path.join(root, rel)), { recursive: true });
    await fs.writeFile(path.join(root, rel), text);
  }
  return root;
}

const author = { name: 'Alice', email: 'alice@example.com' };

describe('initWorkspaceRepository', () => {
  it('inits and commits the template when an author is known', async () => {
    const root = await workspace({ 'bdp.yaml': 'name: x\n', 'scripts/.gitkeep': '' });
    const { oid } = await initWorkspaceRepository(root, { author: async () => author });
    expect(oid).toMatch(/^[0-9a-f]{40}$/);
    const git = new WorkspaceGitService({});
    await git.setRoot(root);
    expect(await git.status()).toEqual({ repository: true, branch: 'main', head: oid, files: [] });
    await git.dispose();
  });

  it('only inits when no author is configured', async () => {
    const root = await workspace({ 'bdp.yaml': 'name: x\n' });
    expect(await initWorkspaceRepository(root, { author: () => undefined })).toEqual({ oid: null });
    const git = new WorkspaceGitService({});
    await git.setRoot(root);
    expect((await git.status()).files.map((f) => f.worktree)).toEqual(['untracked']);
    await git.dispose();
  });
});

describe('WorkspaceGitService', () => {
  it('fails with NO_WORKSPACE until a root is set, then follows the open workspace', async () => {
    const git = new WorkspaceGitService({ author: () => author });
    await expect(git.status()).rejects.toMatchObject({ code: 'NO_WORKSPACE' });
    const seen: GitStatus[] = [];
    git.onDidChangeStatus((s) => seen.push(s));

    const a = await workspace({ 'a.txt': 'a\n' });
    await git.setRoot(a);
    expect(seen.at(-1)).toMatchObject({ repository: false });
    await git.init();
    expect(seen.at(-1)).toMatchObject({ repository: true, branch: 'main' });
    await git.stage({ paths: ['a.txt'] });
    await git.commit({ message: 'first' });
    expect(await git.log({})).toHaveLength(1);

    await git.setRoot(null);
    await expect(git.currentBranch()).rejects.toMatchObject({ code: 'NO_WORKSPACE' });
    await git.refresh(); // no-op without a workspace
    await git.dispose();
  });
});
