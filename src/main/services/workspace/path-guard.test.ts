import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/rpc/errors';
import { isInside, resolveInside, toRelative } from './path-guard';

let base: string;
let root: string;
let outsideDir: string;

beforeEach(async () => {
  base = await fs.realpath(await fs.mkdtemp(path.join(os.tmpdir(), 'bdp-guard-')));
  root = path.join(base, 'ws');
  outsideDir = path.join(base, 'outside');
  await fs.mkdir(path.join(root, 'scripts'), { recursive: true });
  await fs.mkdir(outsideDir);
  await fs.writeFile(path.join(outsideDir, 'secret.txt'), 'secret');
  await fs.writeFile(path.join(root, 'scripts', 'a.py'), 'print(1)');
});

afterEach(async () => {
  await fs.rm(base, { recursive: true, force: true });
});

async function refused(relative: string): Promise<AppError> {
  const error = await resolveInside(root, relative).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error, `expected ${JSON.stringify(relative)} to be refused`).toBeInstanceOf(AppError);
  expect((error as AppError).code).toBe('OUTSIDE_WORKSPACE');
  return error as AppError;
}

describe('resolveInside', () => {
  it('resolves plain, nested and not-yet-existing paths', async () => {
    expect(await resolveInside(root, 'scripts/a.py')).toBe(path.join(root, 'scripts', 'a.py'));
    expect(await resolveInside(root, 'workflows/new/x.workflow.yaml')).toBe(
      path.join(root, 'workflows', 'new', 'x.workflow.yaml'),
    );
    expect(await resolveInside(root, 'scripts/../scripts/a.py')).toBe(path.join(root, 'scripts', 'a.py'));
    expect(await resolveInside(root, '.')).toBe(root);
    // `..foo` is a name, not an escape.
    expect(await resolveInside(root, '..foo')).toBe(path.join(root, '..foo'));
  });

  it('refuses .. escapes', async () => {
    await refused('..');
    await refused('../outside/secret.txt');
    await refused('scripts/../../outside/secret.txt');
    await refused('scripts/../../ws-sibling/x');
  });

  it('refuses absolute paths in POSIX and Windows form', async () => {
    await refused(path.join(outsideDir, 'secret.txt'));
    await refused('/etc/passwd');
    await refused('C:\\Windows\\system.ini');
    await refused('c:relative-to-drive');
    await refused('\\\\server\\share\\x');
  });

  it('refuses NUL bytes', async () => {
    await refused('scripts/a.py\0.txt');
  });

  it('refuses a symlinked folder leading out, for existing and new paths below it', async () => {
    await fs.symlink(outsideDir, path.join(root, 'link'));
    await refused('link');
    await refused('link/secret.txt');
    await refused('link/new/deeper/file.txt');
  });

  it('refuses a symlinked file leading out', async () => {
    await fs.symlink(path.join(outsideDir, 'secret.txt'), path.join(root, 'scripts', 'secret.txt'));
    await refused('scripts/secret.txt');
  });

  it('refuses a dangling symlink whose target would be outside', async () => {
    await fs.symlink(path.join(outsideDir, 'not-yet.txt'), path.join(root, 'dangling'));
    await refused('dangling');
  });

  it('refuses a relative symlink climbing out', async () => {
    await fs.symlink('../../outside', path.join(root, 'scripts', 'up'));
    await refused('scripts/up/secret.txt');
  });

  it('allows symlinks that stay inside the root', async () => {
    await fs.symlink(path.join(root, 'scripts'), path.join(root, 'alias'));
    expect(await resolveInside(root, 'alias/a.py')).toBe(path.join(root, 'alias', 'a.py'));
    await fs.symlink('missing-inside', path.join(root, 'dangling-inside'));
    expect(await resolveInside(root, 'dangling-inside')).toBe(path.join(root, 'dangling-inside'));
  });

  it('works when the root itself is reached through a symlink', async () => {
    const linkedRoot = path.join(base, 'linked-root');
    await fs.symlink(root, linkedRoot);
    expect(await resolveInside(linkedRoot, 'scripts/a.py')).toBe(path.join(linkedRoot, 'scripts', 'a.py'));
    await refused('../outside');
  });
});

describe('helpers', () => {
  it('isInside and toRelative', () => {
    expect(isInside('/a/b', '/a/b')).toBe(true);
    expect(isInside('/a/b', '/a/b/c')).toBe(true);
    expect(isInside('/a/b', '/a/bc')).toBe(false);
    expect(isInside('/a/b', '/a')).toBe(false);
    expect(toRelative('/a/b', '/a/b/c/d.txt')).toBe('c/d.txt');
  });
});
