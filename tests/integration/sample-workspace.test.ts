import { readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copySampleRepository } from '../support/warehouse-fixtures';
import {
  classifyWorkspaceFile,
  parseWorkflow,
  validateWorkspace,
} from '../../src/shared/model/validate-file';
import { downstreamOf, topologicalOrder } from '../../src/shared/dag';
import { substituteVariables } from '../../src/shared/variables';

const BUNDLED = join(__dirname, '..', '..', 'resources', 'sample-workspace');
const DAILY = 'workflows/retail/daily_orders.workflow.yaml';

/** Workspace files as `validateWorkspace` expects them: model files with text, others present with empty text. */
function loadWorkspace(root: string): Map<string, string> {
  const files = new Map<string, string>();
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir)) {
      const abs = join(dir, name);
      const rel = relative(root, abs).split(sep).join('/');
      if (rel === '.bdp' || rel === '.git') continue;
      if (statSync(abs).isDirectory()) walk(abs);
      else files.set(rel, classifyWorkspaceFile(rel) === 'other' ? '' : readFileSync(abs, 'utf8'));
    }
  };
  walk(root);
  return files;
}

function lineOf(text: string, needle: string): number {
  const i = text.split('\n').findIndex((l) => l.includes(needle));
  if (i < 0) throw new Error(`"${needle}" not found`);
  return i + 1;
}

describe('sample workspace, as the app opens it (committed, V1.0.0 of every resource cut)', () => {
  let root: string;
  let files: Map<string, string>;
  beforeAll(async () => {
    root = await copySampleRepository();
    files = loadWorkspace(root);
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('has every file the sample promises', () => {
    for (const p of [
      'bdp.yaml',
      'connections.yaml',
      'data/orders_20261123.csv',
      DAILY,
      'workflows/retail/weekly_report.workflow.yaml',
      'scripts/clean_orders.py',
      'scripts/aggregate_sales.hql',
      'scripts/weekly_report.py',
      'scripts/utils/notify.sh',
      'resources/clean_orders.resource.yaml',
      'resources/aggregate_sales.resource.yaml',
      'resources/weekly_report.resource.yaml',
      'resources/notify.resource.yaml',
      'README.md',
      '.gitignore',
    ]) {
      expect(files.has(p), p).toBe(true);
    }
  });

  it('validates with no problems at all', () => {
    expect(validateWorkspace(files)).toEqual([]);
  });

  it('binds every SHELL / PYTHON task to a resource version and names its file the portable way', () => {
    for (const file of [DAILY, 'workflows/retail/weekly_report.workflow.yaml']) {
      for (const t of parseWorkflow(files.get(file)!, file).workflow!.tasks) {
        if (t.type !== 'SHELL' && t.type !== 'PYTHON') continue;
        expect(t.resource, t.name).toEqual({ name: expect.any(String), version: 'V1.0.0' });
        expect(t.command, t.name).not.toMatch(/scripts\//);
      }
    }
  });

  it('the bundle itself pins V1.0.0, which opening the sample cuts from its first commit', () => {
    const bundled = loadWorkspace(BUNDLED);
    expect(validateWorkspace(bundled).map((p) => p.message)).toContain(
      'task "clean_orders": resource "clean_orders" has no version V1.0.0 (no versions yet)',
    );
    expect(files.get('resources/clean_orders.resource.yaml')).toMatch(/versions:\n {2}- version: V1\.0\.0\n/);
  });

  it('has the daily pipeline in order, with notify_bi skipped by a rerun from upstream', () => {
    const { workflow } = parseWorkflow(files.get(DAILY)!, DAILY);
    expect(topologicalOrder(workflow!)).toEqual([
      'sync_orders',
      'clean_orders',
      'aggregate_sales',
      'notify_bi',
    ]);
    expect(downstreamOf(workflow!, 'sync_orders')).toEqual({
      run: ['sync_orders', 'clean_orders', 'aggregate_sales'],
      skip: ['notify_bi'],
    });
    const sync = workflow!.tasks.find((t) => t.name === 'sync_orders');
    const path = sync?.type === 'DATA_SYNC' ? sync.sync.source.path! : '';
    expect(
      substituteVariables(path, { context: { triggerTime: '2026-11-24 02:30:00', utcOffsetMinutes: 480 } })
        .text,
    ).toBe('orders_20261123.csv');
  });

  it('reports an introduced cycle at the relation that closes it', () => {
    const text = files.get(DAILY)! + '  - { from: aggregate_sales, to: sync_orders }\n';
    const broken = new Map(files).set(DAILY, text);
    const problems = validateWorkspace(broken).filter((p) => p.severity === 'error');
    expect(problems).toEqual([
      expect.objectContaining({
        path: DAILY,
        line: text.split('\n').length - 1,
        source: 'dag',
        message: 'cycle: sync_orders -> clean_orders -> aggregate_sales -> sync_orders',
      }),
    ]);
  });

  it('reports invalid YAML at its line', () => {
    const original = files.get(DAILY)!;
    const line = lineOf(original, 'retryInterval: 120');
    const text = original.replace('      retryInterval: 120', '     retryInterval: [120');
    const problems = validateWorkspace(new Map(files).set(DAILY, text)).filter((p) => p.path === DAILY);
    expect(problems.length).toBeGreaterThan(0);
    expect(problems[0]).toMatchObject({ severity: 'error', source: 'yaml', line });
  });

  it('warns when a resource source is missing, and when a command names a path the task will not have', () => {
    const broken = new Map(files);
    broken.delete('scripts/clean_orders.py');
    expect(validateWorkspace(broken).map((p) => `${p.path}:${p.line} ${p.severity} ${p.message}`)).toEqual([
      `resources/clean_orders.resource.yaml:${lineOf(files.get('resources/clean_orders.resource.yaml')!, 'source:')} warning source "scripts/clean_orders.py" does not exist in the workspace`,
    ]);
    const text = files
      .get(DAILY)!
      .replace('command: python3 clean_orders.py', 'command: python3 scripts/clean_orders.py');
    expect(validateWorkspace(new Map(files).set(DAILY, text)).map((p) => `${p.line} ${p.message}`)).toEqual([
      `${lineOf(text, 'command: python3 scripts/clean_orders.py')} task "clean_orders": the command names scripts/clean_orders.py, which the published task will not have: it gets clean_orders.py from resource clean_orders V1.0.0 in its working directory (write clean_orders.py)`,
    ]);
  });
});
