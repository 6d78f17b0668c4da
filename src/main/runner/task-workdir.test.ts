import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ShellTask } from '../../shared/model';
import { prepareTaskWorkDir, WorkDirs } from './task-workdir';

const UNPACK = join(__dirname, '..', '..', '..', 'resources', 'runner', 'unpack.py');
const sha = (b: string | Buffer) => createHash('sha256').update(b).digest('hex');

let root: string;
let ws: string;
let instanceDir: string;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'bdp-workdir-'));
  ws = join(root, 'ws');
  instanceDir = join(root, 'instance');
  mkdirSync(join(ws, 'scripts'), { recursive: true });
  mkdirSync(instanceDir);
  dirs = new WorkDirs(instanceDir);
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

const task = (extra: Partial<ShellTask> = {}): ShellTask =>
  ({ name: 'load', type: 'SHELL', command: 'sh run.sh', ...extra }) as ShellTask;
let dirs: WorkDirs;
const prepare = async (t: ShellTask, file?: Parameters<typeof prepareTaskWorkDir>[0]['file']) =>
  prepareTaskWorkDir({
    workspaceRoot: ws,
    dir: await dirs.fresh(t.name),
    task: t,
    file,
    python: 'python3',
    unpackScript: UNPACK,
  });

describe('prepareTaskWorkDir', () => {
  it('puts the pinned version under its file name, checked against the recorded sha256', async () => {
    const cached = join(root, 'cached');
    writeFileSync(cached, 'echo v1\n');
    const w = await prepare(task(), {
      kind: 'resource',
      resource: 'loader',
      version: 'V1.0.0',
      sha256: sha('echo v1\n'),
      fileName: 'run.sh',
      format: 'sh',
      file: cached,
    });
    expect(w.dir).toBe(join(instanceDir, 'work', 'load'));
    expect(readFileSync(join(w.dir, 'run.sh'), 'utf8')).toBe('echo v1\n');
    expect(w.source).toMatchObject({
      kind: 'resource',
      resource: 'loader',
      version: 'V1.0.0',
      file: 'run.sh',
    });
    expect(w.notes[0]).toContain('resource loader V1.0.0');
  });

  it('refuses a cached copy whose bytes changed', async () => {
    const cached = join(root, 'cached');
    writeFileSync(cached, 'echo tampered\n');
    await expect(
      prepare(task(), {
        kind: 'resource',
        resource: 'loader',
        version: 'V1.0.0',
        sha256: sha('echo v1\n'),
        fileName: 'run.sh',
        format: 'sh',
        file: cached,
      }),
    ).rejects.toThrow(/sha256/);
  });

  it('working-copy mode takes the file from the workspace and says so', async () => {
    writeFileSync(join(ws, 'scripts', 'run.sh'), 'echo edited\n');
    const w = await prepare(task(), {
      kind: 'working-copy',
      resource: 'loader',
      version: 'V1.0.0',
      fileName: 'run.sh',
      format: 'sh',
      path: 'scripts/run.sh',
    });
    expect(readFileSync(join(w.dir, 'run.sh'), 'utf8')).toBe('echo edited\n');
    expect(w.source).toMatchObject({ kind: 'working-copy', path: 'scripts/run.sh' });
    expect(w.notes[0]).toContain('not its pinned V1.0.0');
  });

  it('an unavailable version fails the attempt with the reason', async () => {
    await expect(
      prepare(task(), {
        kind: 'unavailable',
        resource: 'loader',
        version: 'V9.0.0',
        message: 'resource loader has no version V9.0.0',
      }),
    ).rejects.toThrow('no version V9.0.0');
  });

  it('unpacks a zip resource next to itself, and refuses members that climb out', async () => {
    const src = join(root, 'zipsrc');
    mkdirSync(join(src, 'lib'), { recursive: true });
    writeFileSync(join(src, 'predict.sh'), 'python3 lib/predict.py\n');
    writeFileSync(join(src, 'lib', 'predict.py'), 'print(1)\n');
    const zip = join(root, 'model.zip');
    execFileSync('python3', [
      '-c',
      `import shutil; shutil.make_archive(${JSON.stringify(zip.slice(0, -4))}, 'zip', ${JSON.stringify(src)})`,
    ]);
    const bytes = readFileSync(zip);
    const w = await prepare(task({ command: 'sh predict.sh' }), {
      kind: 'resource',
      resource: 'model',
      version: 'V1.0.0',
      sha256: sha(bytes),
      fileName: 'model.zip',
      format: 'zip',
      file: zip,
    });
    expect(readFileSync(join(w.dir, 'lib', 'predict.py'), 'utf8')).toBe('print(1)\n');
    expect(w.notes.join('\n')).toMatch(/unpacked \d+ entries of model\.zip/);

    const evil = join(root, 'evil.zip');
    execFileSync('python3', [
      '-c',
      `import zipfile\nwith zipfile.ZipFile(${JSON.stringify(evil)}, 'w') as z: z.writestr('../../escaped.txt', 'x')`,
    ]);
    const evilBytes = readFileSync(evil);
    await expect(
      prepare(task(), {
        kind: 'resource',
        resource: 'evil',
        version: 'V1.0.0',
        sha256: sha(evilBytes),
        fileName: 'evil.zip',
        format: 'zip',
        file: evil,
      }),
    ).rejects.toThrow(/outside the working directory/);
    expect(existsSync(join(instanceDir, 'escaped.txt'))).toBe(false);
  });

  it('a script: task gets its file under its workspace path; each attempt starts from a clean folder', async () => {
    writeFileSync(join(ws, 'scripts', 'clean.py'), 'def main():\n    return 0\n');
    const first = await prepare(
      task({ type: 'PYTHON', script: 'scripts/clean.py', command: undefined } as unknown as ShellTask),
    );
    writeFileSync(join(first.dir, 'left-over.txt'), 'from attempt 1');
    const second = await prepare(
      task({ type: 'PYTHON', script: 'scripts/clean.py', command: undefined } as unknown as ShellTask),
    );
    expect(readFileSync(join(second.dir, 'scripts', 'clean.py'), 'utf8')).toContain('def main');
    expect(existsSync(join(second.dir, 'left-over.txt'))).toBe(false);
    expect(second.source).toMatchObject({ kind: 'script', path: 'scripts/clean.py' });
  });

  it('a task folder made ahead is used once, then emptied for the next attempt; command-only tasks share the instance folder', async () => {
    dirs.prepare('load');
    const first = await dirs.fresh('load');
    expect(first).toBe(join(instanceDir, 'work', 'load'));
    writeFileSync(join(first, 'out.csv'), 'x');
    expect(existsSync(join(await dirs.fresh('load'), 'out.csv'))).toBe(false);
    const shared = await dirs.shared();
    expect(shared).toBe(join(instanceDir, 'work'));
    expect(shared.startsWith(ws)).toBe(false);
  });
});
