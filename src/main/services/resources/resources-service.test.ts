import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { validateWorkspace } from '../../../shared/model/validate-file';
import { AppError } from '../../../shared/rpc/errors';
import { initWorkspaceRepository, WorkspaceGitService } from '../git/workspace-git-service';
import { JsonFileStore } from '../settings/json-file-store';
import { RecentWorkspaces } from '../settings/recent-workspaces';
import { WorkspaceServiceNode } from '../workspace/workspace-service';
import { ResourcesServiceNode, suggestNextVersion } from './resources-service';

const SAMPLE = path.resolve(__dirname, '../../../../resources/sample-workspace');
const ALICE = { name: 'Alice Analyst', email: 'alice@example.com' };

let base: string;
let root: string;
let workspace: WorkspaceServiceNode;
let git: WorkspaceGitService;
let resources: ResourcesServiceNode;

async function rejectsWith(
  promise: Promise<unknown>,
  code: AppError['code'],
  message?: RegExp,
): Promise<void> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error, 'the call fails').toBeInstanceOf(AppError);
  expect((error as AppError).code).toBe(code);
  if (message) expect((error as AppError).message).toMatch(message);
}

const sha = (text: string | Buffer): string => createHash('sha256').update(text).digest('hex');
const read = (rel: string): Promise<string> => fs.readFile(path.join(root, rel), 'utf8');
const write = async (rel: string, text: string | Buffer): Promise<void> => {
  await fs.mkdir(path.dirname(path.join(root, rel)), { recursive: true });
  await fs.writeFile(path.join(root, rel), text);
};

beforeEach(async () => {
  base = await fs.realpath(await fs.mkdtemp(path.join(os.tmpdir(), 'bdp-res-')));
  root = path.join(base, 'ws');
  await fs.cp(SAMPLE, root, { recursive: true });
  await initWorkspaceRepository(root, { author: () => ALICE }, 'Sample workspace');
  workspace = new WorkspaceServiceNode({
    recent: new RecentWorkspaces(new JsonFileStore(path.join(base, 'settings.json'))),
    validate: validateWorkspace,
    userDataDir: base,
    sampleWorkspaceDir: SAMPLE,
  });
  git = new WorkspaceGitService({ author: () => ALICE });
  await workspace.open({ root });
  await git.setRoot(root);
  resources = new ResourcesServiceNode({
    workspace,
    git,
    now: () => new Date('2026-11-24T21:00:00.123Z'),
    maxBytes: 64 * 1024,
  });
});

afterEach(async () => {
  await git.dispose();
  await workspace.dispose();
  await fs.rm(base, { recursive: true, force: true });
});

describe('ResourcesServiceNode', () => {
  it('lists the sample resources with their committed sources and a first suggested version', async () => {
    const { resources: list, broken } = await resources.list();
    expect(broken).toEqual([]);
    expect(
      list.map((r) => [r.name, r.format, r.source, r.sourceState, r.versions.length, r.suggestedVersion]),
    ).toEqual([
      ['aggregate_sales', 'hql', 'scripts/aggregate_sales.hql', 'committed', 0, 'V1.0.0'],
      ['clean_orders', 'py', 'scripts/clean_orders.py', 'committed', 0, 'V1.0.0'],
      ['notify', 'sh', 'scripts/utils/notify.sh', 'committed', 0, 'V1.0.0'],
      ['weekly_report', 'py', 'scripts/weekly_report.py', 'committed', 0, 'V1.0.0'],
    ]);
  });

  it('cuts a version pinned to HEAD, path, sha256 and size, keeping the file comments; versions never repeat', async () => {
    const head = (await git.status()).head!;
    const script = await read('scripts/clean_orders.py');
    const v = await resources.createVersion({
      name: 'clean_orders',
      version: 'V1.0.0',
      description: 'first cut',
    });
    expect(v).toEqual({
      version: 'V1.0.0',
      description: 'first cut',
      commit: head,
      path: 'scripts/clean_orders.py',
      sha256: sha(script),
      size: Buffer.byteLength(script),
      createdAt: '2026-11-24T21:00:00Z',
      references: [],
    });
    const yaml = await read('resources/clean_orders.resource.yaml');
    expect(yaml).toContain('# Task resource for the data-quality gate.');
    expect(yaml).toMatch(
      /versions:\n {2}- version: V1\.0\.0\n {4}description: first cut\n {4}commit: [0-9a-f]{40}\n/,
    );
    // The file stays valid for the workspace validator.
    expect(
      validateWorkspace(new Map([['resources/clean_orders.resource.yaml', yaml]])).filter(
        (p) => p.severity === 'error',
      ),
    ).toEqual([]);

    const info = await resources.get({ name: 'clean_orders' });
    expect(info.versions.map((x) => x.version)).toEqual(['V1.0.0']);
    expect(info.suggestedVersion).toBe('V1.0.1');
    await rejectsWith(
      resources.createVersion({ name: 'clean_orders', version: 'V1.0.0' }),
      'ALREADY_EXISTS',
      /pick V1\.0\.1/,
    );
  });

  it('refuses a version while the source has uncommitted changes, and commits first when asked', async () => {
    await write('scripts/clean_orders.py', (await read('scripts/clean_orders.py')) + '\n# tweak\n');
    expect((await resources.get({ name: 'clean_orders' })).sourceState).toBe('modified');
    await rejectsWith(
      resources.createVersion({ name: 'clean_orders', version: 'V1.0.0' }),
      'CONFLICT',
      /uncommitted changes/,
    );
    expect((await resources.get({ name: 'clean_orders' })).versions).toEqual([]);

    const before = (await git.status()).head;
    const v = await resources.createVersion({
      name: 'clean_orders',
      version: 'V1.0.0',
      commitMessage: 'Tweak clean_orders',
    });
    const after = await git.status();
    expect(after.head).not.toBe(before);
    expect(v.commit).toBe(after.head);
    expect((await git.log({ limit: 1 }))[0].message).toBe('Tweak clean_orders');
    expect(after.files.map((f) => f.path)).toEqual(['resources/clean_orders.resource.yaml']);
    expect(v.sha256).toBe(sha(await read('scripts/clean_orders.py')));
  });

  it('refuses a never-committed source', async () => {
    await write('scripts/new_job.sh', 'echo new\n');
    const info = await resources.create({ name: 'new_job', source: 'scripts/new_job.sh' });
    expect(info).toMatchObject({ format: 'sh', sourceState: 'untracked', versions: [] });
    await rejectsWith(resources.createVersion({ name: 'new_job', version: 'V0.1.0' }), 'CONFLICT');
  });

  it('reads a version from git at the pinned commit and verifies its sha256', async () => {
    const original = await read('scripts/clean_orders.py');
    await resources.createVersion({ name: 'clean_orders', version: 'V1.0.0' });
    await write('scripts/clean_orders.py', 'print("changed")\n');
    const content = await resources.readVersion({ name: 'clean_orders', version: 'V1.0.0' });
    expect(content).toMatchObject({
      fileName: 'clean_orders.py',
      encoding: 'utf-8',
      text: original,
      size: Buffer.byteLength(original),
    });
    expect(Buffer.from(content.base64, 'base64').toString('utf8')).toBe(original);

    const file = 'resources/clean_orders.resource.yaml';
    await write(file, (await read(file)).replace(/sha256: [0-9a-f]{64}/, `sha256: ${'a'.repeat(64)}`));
    await rejectsWith(
      resources.readVersion({ name: 'clean_orders', version: 'V1.0.0' }),
      'CONFLICT',
      /sha256/,
    );
  });

  it('reports which workflow tasks use each version and protects used versions and resources with versions', async () => {
    // The sample's clean_orders task pins V1.0.0 already; cutting it makes the pin resolve.
    await resources.createVersion({ name: 'clean_orders', version: 'V1.0.0' });
    const info = await resources.get({ name: 'clean_orders' });
    expect(info.versions[0].references).toEqual([
      {
        workflow: 'daily_orders',
        path: 'workflows/retail/daily_orders.workflow.yaml',
        task: 'clean_orders',
        line: expect.any(Number),
      },
    ]);
    const lines = (await read('workflows/retail/daily_orders.workflow.yaml')).split('\n');
    expect(lines[info.versions[0].references[0].line - 1]).toContain('resource: { name: clean_orders');

    await rejectsWith(
      resources.deleteVersion({ name: 'clean_orders', version: 'V1.0.0' }),
      'CONFLICT',
      /daily_orders\.clean_orders/,
    );
    await rejectsWith(resources.delete({ name: 'clean_orders' }), 'CONFLICT', /1 version/);

    // A pin to a version the resource lacks is reported, not hidden.
    const file = 'workflows/retail/daily_orders.workflow.yaml';
    await write(file, (await read(file)).replace('version: V1.0.0', 'version: V9.9.9'));
    const dangling = await resources.get({ name: 'clean_orders' });
    expect(dangling.versions[0].references).toEqual([]);
    expect(dangling.danglingReferences).toMatchObject([{ task: 'clean_orders', version: 'V9.9.9' }]);

    await resources.deleteVersion({ name: 'clean_orders', version: 'V1.0.0' });
    expect((await resources.get({ name: 'clean_orders' })).versions).toEqual([]);
    await resources.delete({ name: 'clean_orders' });
    await rejectsWith(resources.get({ name: 'clean_orders' }), 'NOT_FOUND');
    expect(await read('scripts/clean_orders.py')).toContain('def main');
  });

  it('creates resources from workspace files and uploads, with a clear error for each bad input', async () => {
    await rejectsWith(
      resources.create({ name: 'clean_orders', source: 'scripts/clean_orders.py' }),
      'ALREADY_EXISTS',
    );
    await rejectsWith(resources.create({ name: 'escape', source: '../outside.py' }), 'OUTSIDE_WORKSPACE');
    await rejectsWith(
      resources.create({ name: 'orders', source: 'data/orders_20261122.csv' }),
      'INVALID_ARGUMENT',
      /unsupported resource format.*\.tar\.gz/,
    );
    await rejectsWith(resources.create({ name: 'ghost', source: 'scripts/ghost.py' }), 'NOT_FOUND');
    await rejectsWith(
      resources.create({ name: 'bad name!', source: 'scripts/clean_orders.py' }),
      'INVALID_ARGUMENT',
    );
    await write('scripts/huge.sql', 'x'.repeat(65 * 1024));
    await rejectsWith(
      resources.create({ name: 'huge', source: 'scripts/huge.sql' }),
      'INVALID_ARGUMENT',
      /limited to/,
    );

    await rejectsWith(
      resources.create({ name: 'notify', source: 'scripts/utils/notify.sh' }),
      'ALREADY_EXISTS',
    );
    const ping = await resources.create({
      name: 'ping',
      description: 'BI ping',
      source: 'scripts/utils/notify.sh',
    });
    expect(ping).toMatchObject({
      name: 'ping',
      description: 'BI ping',
      format: 'sh',
      file: 'resources/ping.resource.yaml',
      sourceState: 'committed',
    });

    const bundle = Buffer.from([0x1f, 0x8b, 0x08, 0x00, 0, 0, 0, 0]);
    const up = await resources.upload({
      name: 'model',
      fileName: 'model.tar.gz',
      base64: bundle.toString('base64'),
    });
    expect(up).toMatchObject({ format: 'tar.gz', source: 'files/model.tar.gz', sourceState: 'untracked' });
    expect(await fs.readFile(path.join(root, 'files/model.tar.gz'))).toEqual(bundle);
    await rejectsWith(
      resources.upload({ name: 'model2', fileName: 'model.tar.gz', base64: bundle.toString('base64') }),
      'ALREADY_EXISTS',
      /files\/model\.tar\.gz/,
    );
    await rejectsWith(
      resources.upload({ name: 'evil', fileName: '../evil.sh', base64: 'ZWNobw==' }),
      'INVALID_ARGUMENT',
      /plain file name/,
    );
    await rejectsWith(
      resources.upload({ name: 'doc', fileName: 'notes.txt', base64: 'ZWNobw==' }),
      'INVALID_ARGUMENT',
      /unsupported/,
    );
    await rejectsWith(
      resources.upload({
        name: 'big',
        fileName: 'big.jar',
        base64: Buffer.alloc(65 * 1024).toString('base64'),
      }),
      'INVALID_ARGUMENT',
      /limited to/,
    );
    await expect(fs.access(path.join(root, 'files/big.jar'))).rejects.toThrow();

    // The uploaded binary can be versioned once committed, and read back byte for byte.
    const v = await resources.createVersion({
      name: 'model',
      version: 'V1.0.0',
      commitMessage: 'Add model bundle',
    });
    expect(v.sha256).toBe(sha(bundle));
    const content = await resources.readVersion({ name: 'model', version: 'V1.0.0' });
    expect(content.encoding).toBe('binary');
    expect(Buffer.from(content.base64, 'base64')).toEqual(bundle);
  });

  it('rejects bad version strings and unknown names and versions', async () => {
    for (const bad of ['1.0.0', 'v1.0.0', 'V1.0', 'V01.0.0', 'V1.0.0-rc']) {
      await rejectsWith(
        resources.createVersion({ name: 'clean_orders', version: bad }),
        'INVALID_ARGUMENT',
        /V<major>\.<minor>\.<patch>/,
      );
    }
    await rejectsWith(
      resources.createVersion({ name: 'nope', version: 'V1.0.0' }),
      'NOT_FOUND',
      /no resource named "nope"/,
    );
    await rejectsWith(
      resources.readVersion({ name: 'clean_orders', version: 'V2.0.0' }),
      'NOT_FOUND',
      /no versions yet/,
    );
    await rejectsWith(resources.deleteVersion({ name: 'clean_orders', version: 'V2.0.0' }), 'NOT_FOUND');
  });

  it('lists an unreadable resource file apart instead of failing', async () => {
    await write('resources/broken.resource.yaml', 'name: broken\nformat: exe\n');
    const { resources: list, broken } = await resources.list();
    expect(list).toHaveLength(4);
    expect(broken).toEqual([
      { file: 'resources/broken.resource.yaml', error: expect.stringContaining('format') },
    ]);
  });

  it('fails with NO_WORKSPACE when none is open', async () => {
    await workspace.close();
    await rejectsWith(resources.list(), 'NO_WORKSPACE');
  });
});

describe('suggestNextVersion', () => {
  it('bumps the patch of the highest version, numerically', () => {
    expect(suggestNextVersion([])).toBe('V1.0.0');
    expect(suggestNextVersion([{ version: 'V1.0.9' }, { version: 'V1.0.10' }, { version: 'V0.9.0' }])).toBe(
      'V1.0.11',
    );
    expect(suggestNextVersion([{ version: 'V2.1.0' }])).toBe('V2.1.1');
  });
});
