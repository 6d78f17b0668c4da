import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { describe, expect, it } from 'vitest';
import { classifyWorkspaceFile, parseWorkflow, validateWorkspace } from '../../src/shared/model/validate-file';
import { downstreamOf, topologicalOrder } from '../../src/shared/dag';
import { substituteVariables } from '../../src/shared/variables';

const ROOT = join(__dirname, '..', '..', 'resources', 'sample-workspace');
const DAILY = 'workflows/retail/daily_orders.workflow.yaml';

/** Workspace files as `validateWorkspace` expects them: model files with text, others present with empty text. */
function loadWorkspace(): Map<string, string> {
  const files = new Map<string, string>();
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir)) {
      const abs = join(dir, name);
      const rel = relative(ROOT, abs).split(sep).join('/');
      if (rel === '.bdp' || rel === '.git') continue;
      if (statSync(abs).isDirectory()) walk(abs);
      else files.set(rel, classifyWorkspaceFile(rel) === 'other' ? '' : readFileSync(abs, 'utf8'));
    }
  };
  walk(ROOT);
  return files;
}

function lineOf(text: string, needle: string): number {
  const i = text.split('\n').findIndex((l) => l.includes(needle));
  if (i < 0) throw new Error(`"${needle}" not found`);
  return i + 1;
}

describe('sample workspace', () => {
  const files = loadWorkspace();

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
      'README.md',
      '.gitignore',
    ]) {
      expect(files.has(p), p).toBe(true);
    }
  });

  it('validates with no problems at all', () => {
    expect(validateWorkspace(files)).toEqual([]);
  });

  it('has the daily pipeline in order, with notify_bi skipped by a rerun from upstream', () => {
    const { workflow } = parseWorkflow(files.get(DAILY)!, DAILY);
    expect(topologicalOrder(workflow!)).toEqual(['sync_orders', 'clean_orders', 'aggregate_sales', 'notify_bi']);
    expect(downstreamOf(workflow!, 'sync_orders')).toEqual({ run: ['sync_orders', 'clean_orders', 'aggregate_sales'], skip: ['notify_bi'] });
    const sync = workflow!.tasks.find((t) => t.name === 'sync_orders');
    const path = sync?.type === 'DATA_SYNC' ? sync.sync.source.path! : '';
    expect(substituteVariables(path, { context: { triggerTime: '2026-11-24 02:30:00', utcOffsetMinutes: 480 } }).text).toBe('orders_20261123.csv');
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

  it('warns when a script the workflow names is missing', () => {
    const broken = new Map(files);
    broken.delete('scripts/clean_orders.py');
    const problems = validateWorkspace(broken);
    expect(problems.map((p) => `${p.path}:${p.line} ${p.severity} ${p.message}`)).toEqual([
      `resources/clean_orders.resource.yaml:${lineOf(files.get('resources/clean_orders.resource.yaml')!, 'source:')} warning source "scripts/clean_orders.py" does not exist in the workspace`,
      `${DAILY}:${lineOf(files.get(DAILY)!, 'script: scripts/clean_orders.py')} warning task "clean_orders": script "scripts/clean_orders.py" does not exist`,
    ]);
  });
});
