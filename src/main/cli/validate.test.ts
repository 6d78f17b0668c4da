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
    expect(out).toContain(`${WORKFLOW}:${line}:5: error: cycle: sync_orders -> clean_orders -> aggregate_sales -> notify_bi -> sync_orders [dag]`);
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
});
