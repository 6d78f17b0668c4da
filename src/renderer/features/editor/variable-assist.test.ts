import { describe, expect, it } from 'vitest';
import { variableContextFor } from './business-date-store';
import {
  buildVariableItems,
  placeholderAt,
  variableCompletionContext,
  variableHoverMarkdown,
} from './variable-assist';

const ctx = variableContextFor('2026-11-23');
const params = [{ name: 'region', value: 'cn1', source: 'daily_orders' }];

describe('variableCompletionContext', () => {
  it('finds `${` and the typed prefix', () => {
    expect(variableCompletionContext('dt = "${cal', '"')).toEqual({
      start: 8,
      prefix: 'cal',
      needsBrace: false,
      hasClosingBrace: false,
    });
    expect(variableCompletionContext('x: ${', '}')).toMatchObject({
      start: 5,
      prefix: '',
      hasClosingBrace: true,
    });
  });

  it('offers `{name}` after a lone `$`, but not after `$$` or outside a placeholder', () => {
    expect(variableCompletionContext('echo $', '')).toMatchObject({ needsBrace: true, start: 6 });
    expect(variableCompletionContext('echo $$', '')).toBeNull();
    expect(variableCompletionContext('echo ${a} b', '')).toBeNull();
  });
});

describe('buildVariableItems', () => {
  it('lists parameters first, then system variables with their value for the business date', () => {
    const items = buildVariableItems(variableCompletionContext('${', '')!, params, ctx);
    expect(items[0]).toMatchObject({
      label: '${region}',
      insertText: 'region}',
      kind: 'parameter',
      detail: 'parameter = cn1',
    });
    const calDt = items.find((i) => i.label === '${cal_dt}')!;
    expect(calDt).toMatchObject({ insertText: 'cal_dt}', detail: '= 2026-11-23', kind: 'system' });
    expect(calDt.documentation).toMatch(/Business date/);
    expect(items.find((i) => i.label === '${cal_dt-n}')).toMatchObject({
      insertText: 'cal_dt-1}',
      detail: '${cal_dt-1} = 2026-11-22',
    });
    expect(items.find((i) => i.label === '${task_id}')!.detail).toMatch(/when the task runs/);
    expect([...items].sort((a, b) => a.sortText.localeCompare(b.sortText))[0].kind).toBe('parameter');
  });

  it('does not double the closing brace and adds the opening one after a lone `$`', () => {
    expect(buildVariableItems(variableCompletionContext('${', '}')!, [], ctx)[0].insertText).toBe('cal_dt');
    expect(buildVariableItems(variableCompletionContext('$', '')!, [], ctx)[0].insertText).toBe('{cal_dt}');
  });
});

describe('hover', () => {
  it('finds the placeholder under a column', () => {
    const line = 'WHERE dt = "${cal_dt}" AND r = "${region}"';
    expect(placeholderAt(line, 14)).toEqual({ name: 'cal_dt', start: 13, end: 22 });
    expect(placeholderAt(line, 5)).toBeNull();
  });

  it('shows system variable values, parameter values and canaanhive tokens for the business date', () => {
    expect(variableHoverMarkdown('cal_dt8', '2026-11-23', [], ctx)).toContain('= `20261123`');
    expect(variableHoverMarkdown('cal_dt-2', '2026-11-23', [], ctx)).toContain('= `2026-11-21`');
    const param = variableHoverMarkdown(
      'dt',
      '2026-11-23',
      [{ name: 'dt', value: '${cal_dt}', source: 'daily_orders › clean_orders' }],
      ctx,
    )!;
    expect(param).toContain('= `2026-11-23`');
    expect(param).toContain('daily_orders › clean_orders');
    expect(variableHoverMarkdown('env.YYYYMMDD_P1D', '2026-11-23', [], ctx)).toContain('= `2026-11-22`');
    expect(variableHoverMarkdown('env.DB', '2026-11-23', [], ctx)).toContain('canaanhive -E DB');
    expect(variableHoverMarkdown('nope', '2026-11-23', [], ctx)).toBeNull();
  });
});
