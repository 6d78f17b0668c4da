import { prepareSampleRepository } from '../../src/main/services/workspace/sample-repository';
import { spawn, type ChildProcess } from 'node:child_process';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { publishCommand, PUBLISH_EXIT } from '../../src/main/cli/publish';
import { sampleWorkspacePath } from '../support/publish-fixtures';

/**
 * The emulators as the README walks a newcomer through them: start one from the command line with
 * a fault switched on, paste the printed block into bdp.yaml, export the printed secret, publish.
 */
const ROOT = path.resolve(__dirname, '../..');
const children: ChildProcess[] = [];
const dirs: string[] = [];
afterEach(async () => {
  for (const c of children.splice(0)) c.kill('SIGTERM');
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

function start(entry: string, args: string[]): Promise<string> {
  const child = spawn(process.execPath, ['scripts/run-ts.mjs', entry, ...args], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let out = '';
  let err = '';
  return new Promise((resolve, reject) => {
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes('Ctrl+C stops the emulator')) resolve(out);
    });
    child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
    child.on('exit', (code) => reject(new Error(`emulator exited ${code}: ${err}${out}`)));
  });
}

async function workspaceWith(block: string): Promise<string> {
  const root = await mkdtemp(path.join(os.tmpdir(), 'bdp-emulator-cli-'));
  dirs.push(root);
  await cp(sampleWorkspacePath(), root, { recursive: true });
  await prepareSampleRepository(root, { preferNative: true });
  const bdp = path.join(root, 'bdp.yaml');
  await writeFile(bdp, (await readFile(bdp, 'utf8')).replace(/^environments: \[\].*$/m, block));
  return root;
}

describe.each([
  { entry: 'src/main/emulators/dolphinscheduler/main.ts', name: 'ds-local' },
  { entry: 'src/main/emulators/enos/main.ts', name: 'enos-local' },
])('$entry from the command line', ({ entry, name }) => {
  it('prints a bdp.yaml block and a secret that publish with, through a 429 it was told to answer', async () => {
    const out = await start(entry, ['--port', '0', '--status', '429', '--times', '1']);
    expect(out).toContain('faults: status=429 times=1');
    const block = /^environments:\n(?: {2}.*\n)+/m.exec(out)![0];
    const [, variable, secret] = /export (BDP_ENV_\w+_SECRET)=(\S+)/.exec(out)!;
    const root = await workspaceWith(block.trimEnd());
    const text: string[] = [];
    const io = {
      stdout: (t: string) => void text.push(t),
      stderr: (t: string) => void text.push(t),
      env: { [variable]: secret },
    };
    expect(await publishCommand({ env: name, workspace: root }, io), text.join('')).toBe(PUBLISH_EXIT.ok);
    expect(text.join('')).toContain('published:');
    expect(text.join('')).not.toContain(secret);
  }, 60_000);

  it('refuses a bad fault option with one line and exit 2', async () => {
    await expect(start(entry, ['--status', '418'])).rejects.toThrow(
      /exited 2: .*--status must be one of 401, 429, 500, 503/,
    );
  }, 60_000);
});
