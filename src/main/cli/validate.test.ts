import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { validateCommand } from './validate';

const SAMPLE = path.resolve(__dirname, '../../../resources/sample-workspace');
const WORKFLOW = 'workflows/retail/daily_orders.workflow.yaml';
const dirs: string[] = [];
afterEach(async () => {
  vi.restoreAllMocks();
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

async function run(dir: string): Promise<{ code: number; out: string }> {
  let out = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => ((out += String(chunk)), true));
  const code = await validateCommand(dir, {});
  vi.restoreAllMocks();
  return { code, out };
}

async function sampleCopy(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'bdp-validate-'));
  dirs.push(dir);
  await cp(SAMPLE, dir, { recursive: true });
  return dir;
}

describe('bdp validate', () => {
  it('passes the sample workspace', async () => {
    const { code, out } = await run(SAMPLE);
    expect(out).toContain('0 error(s)');
    expect(code).toBe(0);
  });

  it('reports a cycle at the relation that closes it, as path:line:col, and exits 1', async () => {
    const dir = await sampleCopy();
    const file = path.join(dir, WORKFLOW);
    const text = await readFile(file, 'utf8');
    await writeFile(file, text.trimEnd() + '\n  - { from: notify_bi, to: sync_orders }\n');
    const line = text.trimEnd().split('\n').length + 1;
    const { code, out } = await run(dir);
    expect(out).toContain(
      `${WORKFLOW}:${line}:5: error: cycle: sync_orders -> clean_orders -> aggregate_sales -> notify_bi -> sync_orders [dag]`,
    );
    expect(code).toBe(1);
  });

  it('reports invalid YAML without touching the file', async () => {
    const dir = await sampleCopy();
    const file = path.join(dir, WORKFLOW);
    const broken = (await readFile(file, 'utf8')).replace('tasks:', 'tasks: [');
    await writeFile(file, broken);
    const { code, out } = await run(dir);
    expect(out).toMatch(new RegExp(`${WORKFLOW}:\\d+:\\d+: error: .* \\[yaml\\]`));
    expect(code).toBe(1);
    expect(await readFile(file, 'utf8')).toBe(broken);
  });

  it('outside a workspace says so and how to point at one (exit 2)', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'bdp-not-ws-'));
    dirs.push(dir);
    let err = '';
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => ((err += String(chunk)), true));
    expect(await validateCommand(dir, {})).toBe(2);
    expect(err).toBe(
      `bdp validate: ${dir} is not a workspace (no bdp.yaml): run it inside a workspace folder, or point at one: bdp validate path/to/workspace\n`,
    );
  });

  it('an alias bomb in one file is reported at its line; every other file is still checked', async () => {
    const dir = await sampleCopy();
    await writeFile(
      path.join(dir, 'workflows/bomb.workflow.yaml'),
      [
        'name: bomb',
        'a: &a [x,x,x,x,x,x,x,x,x,x]',
        'b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a,*a]',
        'c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b,*b]',
        'd: [*c,*c,*c,*c,*c,*c,*c,*c,*c,*c]',
        '',
      ].join('\n'),
    );
    const file = path.join(dir, WORKFLOW);
    await writeFile(
      file,
      (await readFile(file, 'utf8')).replace(
        'command: python3 clean_orders.py',
        'command: python3 scripts/clean_orders.py',
      ),
    );
    const { code, out } = await run(dir);
    expect(code).toBe(1);
    expect(out).toMatch(
      /^workflows\/bomb\.workflow\.yaml:3:\d+: error: YAML aliases here expand to more than 1000 nodes/m,
    );
    expect(out).toContain(
      'the command names scripts/clean_orders.py, which the published task will not have',
    );
  });
});
