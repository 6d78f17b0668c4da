import { describe, expect, it } from 'vitest';
import { parseWorkflow } from '../../../../shared/model/validate-file';
import { applyToPlain } from './field-edit';
import { sampleWorkflow } from '../../../test-support/sample-workflows';
import { WorkflowDocument } from './workflow-document';

const DAILY = sampleWorkflow('daily_orders');
const FILE = 'workflows/retail/daily_orders.workflow.yaml';

function edit(text: string, fn: (d: WorkflowDocument) => { ok: boolean; reason?: string }): string {
  const d = new WorkflowDocument(text);
  const r = fn(d);
  expect(r, r.reason).toMatchObject({ ok: true });
  return d.toString();
}

function refused(text: string, fn: (d: WorkflowDocument) => { ok: boolean; reason?: string }): string {
  const d = new WorkflowDocument(text);
  const r = fn(d);
  expect(r.ok).toBe(false);
  expect(d.toString()).toBe(text);
  return r.reason ?? '';
}

const workflowOf = (text: string) => {
  const { workflow, problems } = parseWorkflow(text, FILE);
  expect(problems.filter((p) => p.severity === 'error')).toEqual([]);
  return workflow!;
};

/** Lines of `after` not in `before` (and the reverse): what an edit touched. */
function changedLines(before: string, after: string): { added: string[]; removed: string[] } {
  const a = before.split('\n');
  const b = after.split('\n');
  return { added: b.filter((l) => !a.includes(l)), removed: a.filter((l) => !b.includes(l)) };
}

describe('applyToPlain', () => {
  it('sets deep paths, creating maps, and removes with null, dropping maps left empty', () => {
    expect(applyToPlain({ a: 1 }, [[['b', 'c'], 2]])).toEqual({ a: 1, b: { c: 2 } });
    expect(applyToPlain({ a: 1, b: { c: 2 } }, [[['b', 'c'], null]])).toEqual({ a: 1 });
    expect(applyToPlain({ l: [1, 2, 3] }, [[['l', 1], null]])).toEqual({ l: [1, 3] });
    expect(applyToPlain({ a: 1 }, [[['x', 'y'], '']])).toEqual({ a: 1 });
  });
});

describe('setTaskFields: Data Sync', () => {
  it('changes the source table of a file source to a warehouse table in one edit, touching only those lines', () => {
    const out = edit(DAILY, (d) =>
      d.setTaskFields('sync_orders', [
        [['sync', 'source', 'connection'], 'warehouse'],
        [['sync', 'source', 'path'], null],
        [['sync', 'source', 'table'], 'ods.raw_orders'],
      ]),
    );
    const task = workflowOf(out).tasks.find((t) => t.name === 'sync_orders');
    expect(task?.type === 'DATA_SYNC' && task.sync.source).toMatchObject({
      connection: 'warehouse',
      table: 'ods.raw_orders',
    });
    const { added, removed } = changedLines(DAILY, out);
    expect(removed).toEqual([
      '        connection: local_files',
      '        path: orders_${cal_dt8}.csv   # relative to the connection folder: data/orders_20261123.csv',
    ]);
    expect(added).toEqual(['        table: ods.raw_orders']);
    expect(out).toMatch(/source:\n {8}connection: warehouse\n/);
    // Comments elsewhere in the task survive.
    expect(out).toContain(
      "        writeRule: overwrite          # reruns replace the day's partition instead of duplicating it",
    );
  });

  it("edits one mapping cell in place, keeping the row's flow style and comment", () => {
    const out = edit(DAILY, (d) =>
      d.setTaskFields('sync_orders', [[['sync', 'mapping', 5, 'type'], 'DECIMAL(12,2)']]),
    );
    expect(out).toContain(
      '        - { source: unit_price, target: unit_price, type: "DECIMAL(12,2)" }   # quoted: "," separates flow keys',
    );
    expect(changedLines(DAILY, out).added).toHaveLength(1);
  });

  it('reorders, removes and adds mapping rows: untouched rows keep their text', () => {
    const mapping = (workflowOf(DAILY).tasks[0] as { sync: { mapping: Array<Record<string, string>> } }).sync
      .mapping;
    const next = [
      mapping[1],
      mapping[0],
      ...mapping.slice(2, 7),
      { source: 'note', target: 'note', type: 'VARCHAR' },
    ];
    const out = edit(DAILY, (d) => d.setTaskFields('sync_orders', [[['sync', 'mapping'], next]]));
    const { added, removed } = changedLines(DAILY, out);
    expect(added).toEqual(['        - { source: note, target: note, type: VARCHAR }']);
    expect(removed).toEqual(['        - { source: store, target: store, type: VARCHAR }']);
    expect(out.indexOf('source: customer_id')).toBeLessThan(out.indexOf('source: order_id'));
    expect(out).toContain('# quoted: "," separates flow keys');
  });

  it('writes partition fill and a placeholder value into the flow map', () => {
    const out = edit(DAILY, (d) =>
      d.setTaskFields('sync_orders', [
        [['sync', 'target', 'partition', 'fill'], 'fixed'],
        [['sync', 'target', 'partition', 'value'], '2026-01-01'],
      ]),
    );
    expect(out).toContain('        partition: { column: dt, fill: fixed, value: "2026-01-01" }');
  });

  it('refuses values the model refuses, with the field and reason, and changes nothing', () => {
    expect(refused(DAILY, (d) => d.setTaskFields('sync_orders', [[['sync', 'concurrency'], 100]]))).toMatch(
      /^concurrency: /,
    );
    expect(
      refused(DAILY, (d) => d.setTaskFields('sync_orders', [[['sync', 'source', 'encoding'], 'latin1']])),
    ).toMatch(/^encoding: /);
    // Path and table both set: the model wants exactly one.
    expect(
      refused(DAILY, (d) => d.setTaskFields('sync_orders', [[['sync', 'source', 'table'], 'ods.x']])),
    ).toMatch(/exactly one/);
    expect(refused(DAILY, (d) => d.setTaskFields('sync_orders', [[['type'], 'SHELL']]))).toMatch(
      /type cannot change/,
    );
  });
});

describe('setTaskFields: process and app tasks', () => {
  it('switches a PYTHON task from its resource version to a working-tree script and back', () => {
    const toScript = edit(DAILY, (d) =>
      d.setTaskFields('clean_orders', [
        [['resource'], null],
        [['script'], 'scripts/clean_orders.py'],
      ]),
    );
    const t = workflowOf(toScript).tasks.find((x) => x.name === 'clean_orders');
    expect(t?.type === 'PYTHON' && [t.resource, t.script]).toEqual([undefined, 'scripts/clean_orders.py']);
    expect(toScript).not.toContain('resource: { name: clean_orders');
    const back = workflowOf(
      edit(toScript, (d) =>
        d.setTaskFields('clean_orders', [
          [['script'], null],
          [['resource'], { name: 'clean_orders', version: 'V1.0.1' }],
        ]),
      ),
    ).tasks.find((x) => x.name === 'clean_orders');
    expect(back?.type === 'PYTHON' && back.resource).toEqual({ name: 'clean_orders', version: 'V1.0.1' });
  });

  it('refuses a resource and a script together, and a version that is not V<x>.<y>.<z>', () => {
    expect(
      refused(DAILY, (d) => d.setTaskFields('clean_orders', [[['script'], 'scripts/clean_orders.py']])),
    ).toMatch(/not both/);
    expect(
      refused(DAILY, (d) =>
        d.setTaskFields('aggregate_sales', [[['resource'], { name: 'x', version: '1.0' }]]),
      ),
    ).toMatch(/^version: /);
  });

  it('edits the running mode inside its flow map and refuses multiple mode without its fields', () => {
    const out = edit(DAILY, (d) => d.setTaskFields('clean_orders', [[['runMode', 'cpu'], 1.5]]));
    expect(out).toContain('    runMode: { mode: single, cpu: 1.5, memory: 1 }');
    expect(refused(DAILY, (d) => d.setTaskFields('clean_orders', [[['runMode', 'cpu'], 3]]))).toMatch(
      /^cpu: /,
    );
    expect(
      refused(DAILY, (d) => d.setTaskFields('clean_orders', [[['runMode', 'mode'], 'multiple']])),
    ).toMatch(/maxParallel/);
    const multi = edit(DAILY, (d) =>
      d.setTaskFields('clean_orders', [
        [['runMode', 'mode'], 'multiple'],
        [['runMode', 'maxParallel'], 4],
        [['runMode', 'keySource'], { type: 'custom', keys: ['east', 'west'] }],
      ]),
    );
    const t = workflowOf(multi).tasks.find((x) => x.name === 'clean_orders');
    expect(t?.type === 'PYTHON' && t.runMode).toMatchObject({
      mode: 'multiple',
      maxParallel: 4,
      keySource: { type: 'custom', keys: ['east', 'west'] },
    });
  });

  it('edits External APP headers, success rule and polling; an empty poll removes it', () => {
    const out = edit(DAILY, (d) =>
      d.setTaskFields('notify_bi', [
        [['app', 'headers'], { 'Content-Type': 'application/json', 'X-Team': 'bi' }],
        [['app', 'success', 'jsonPath'], '$.state'],
        [['app', 'success', 'equals'], 'DONE'],
        [['app', 'poll'], { url: '/status', intervalSeconds: 5, limit: 12 }],
      ]),
    );
    expect(out).toContain('      headers: { Content-Type: application/json, X-Team: bi }');
    expect(out).toContain('      success: { status: 200, jsonPath: $.state, equals: DONE }');
    const t = workflowOf(out).tasks.find((x) => x.name === 'notify_bi');
    expect(t?.type === 'EXTERNAL_APP' && t.app.poll).toEqual({
      url: '/status',
      intervalSeconds: 5,
      limit: 12,
    });
    const back = edit(out, (d) => d.setTaskFields('notify_bi', [[['app', 'poll'], null]]));
    expect(back).not.toContain('poll');
    expect(refused(DAILY, (d) => d.setTaskFields('notify_bi', [[['app', 'domain'], 'ftp://x']]))).toMatch(
      /^domain: must be an http/,
    );
  });
});

describe('setWorkflowFields', () => {
  it('writes alert mode, owners and the cron, keeping the cron comment', () => {
    const out = edit(DAILY, (d) =>
      d.setWorkflowFields([
        [['alertMode'], 'sms'],
        [['owners'], ['alice', 'carol']],
        [['schedule', 'cron'], '0 0 3 * * ? *'],
      ]),
    );
    expect(out).toContain('alertMode: sms\n');
    expect(out).toContain('owners: [ alice, carol ]\n');
    expect(out).toMatch(/\n {2}cron: "0 0 3 \* \* \? \*" +# every day at 02:30:00\n/);
  });

  it('refuses a bad cron, a bad date and a switch of the scheduling type', () => {
    expect(refused(DAILY, (d) => d.setWorkflowFields([[['schedule', 'cron'], '0 0 3 * *']]))).toMatch(
      /^cron: invalid cron/,
    );
    expect(
      refused(DAILY, (d) => d.setWorkflowFields([[['schedule', 'effectiveDate'], '2026-02-30']])),
    ).toMatch(/calendar date/);
    expect(refused(DAILY, (d) => d.setWorkflowFields([[['schedule', 'type'], 'manual']]))).toMatch(
      /cannot switch/,
    );
  });
});
