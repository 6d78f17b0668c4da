import {
  canaanhiveToken,
  listSystemVariables,
  resolveSystemVariable,
  substituteVariables,
  systemVariables,
  type VariableContext,
} from '../../../shared/variables';

/** Where a `${...}` being typed starts, as seen from the text before and after the cursor. */
export interface VariableCompletionContext {
  /** 0-based offset in the line where the replaced text starts (just after `${`, or at a lone `$`). */
  start: number;
  /** What was typed of the name so far. */
  prefix: string;
  /** True when only `$` was typed: the items then insert `{name}`. */
  needsBrace: boolean;
  /** True when a `}` already follows the cursor. */
  hasClosingBrace: boolean;
}

export function variableCompletionContext(before: string, after: string): VariableCompletionContext | null {
  const open = /\$\{([\w.:-]*)$/.exec(before);
  if (open) {
    return {
      start: before.length - open[1].length,
      prefix: open[1],
      needsBrace: false,
      hasClosingBrace: after.startsWith('}'),
    };
  }
  if (/(^|[^$\\])\$$/.test(before))
    return { start: before.length, prefix: '', needsBrace: true, hasClosingBrace: false };
  return null;
}

export interface VariableItem {
  label: string;
  /** Text inserted at `start` (e.g. `cal_dt}` or `{cal_dt}`). */
  insertText: string;
  /** One line: the value for the chosen business date, or the parameter's value. */
  detail: string;
  documentation: string;
  kind: 'system' | 'parameter';
  sortText: string;
}

export interface WorkflowParameter {
  name: string;
  value: string;
  /** Where it comes from, e.g. `daily_orders` or `daily_orders › clean_orders`. */
  source: string;
}

/** Completion items for `${`: workflow parameters first, then the system variables with their value for `ctx`. */
export function buildVariableItems(
  context: VariableCompletionContext,
  parameters: readonly WorkflowParameter[],
  ctx: VariableContext,
): VariableItem[] {
  const wrap = (name: string): string =>
    context.needsBrace ? `{${name}}` : context.hasClosingBrace ? name : `${name}}`;
  const values = systemVariables(ctx);
  const items: VariableItem[] = [];
  const seen = new Set<string>();
  for (const p of parameters) {
    if (seen.has(p.name)) continue;
    seen.add(p.name);
    items.push({
      label: `\${${p.name}}`,
      insertText: wrap(p.name),
      detail: `parameter = ${p.value}`,
      documentation: `Workflow parameter from ${p.source}.`,
      kind: 'parameter',
      sortText: `0${p.name}`,
    });
  }
  for (const [index, v] of listSystemVariables().entries()) {
    const name = v.name.slice(2, -1);
    if (seen.has(name)) continue;
    const concrete = name.replace(/-n$/, '-1');
    const value = resolveSystemVariable(concrete, ctx, values);
    items.push({
      label: v.name,
      insertText: wrap(concrete),
      detail:
        value === undefined
          ? 'system variable (set when the task runs)'
          : `${concrete === name ? '' : `\${${concrete}} `}= ${value}`,
      documentation: v.description,
      kind: 'system',
      // The spec's order: cal_dt and its relatives first.
      sortText: `1${String(index).padStart(3, '0')}`,
    });
  }
  return items;
}

/** The `${name}` under a 1-based column of a line, with its 1-based start and end (exclusive) columns. */
export function placeholderAt(
  line: string,
  column: number,
): { name: string; start: number; end: number } | null {
  for (const m of line.matchAll(/\$\{([^{}\s]+)\}/g)) {
    const start = m.index + 1;
    const end = start + m[0].length;
    if (column >= start && column <= end) return { name: m[1], start, end };
  }
  return null;
}

/** Markdown for hovering `${name}`: its value for the business date and where the value comes from. */
export function variableHoverMarkdown(
  name: string,
  businessDate: string,
  parameters: readonly WorkflowParameter[],
  ctx: VariableContext,
): string | null {
  const footer = `_Business date ${businessDate} (change it in the status bar)_`;
  const param = parameters.find((p) => p.name === name);
  if (param) {
    const workflowParameters = Object.fromEntries(parameters.map((p) => [p.name, p.value]));
    const value = substituteVariables(`\${${name}}`, { context: ctx, workflowParameters }).text;
    return `**\`\${${name}}\`** = \`${value}\`\n\nParameter \`${param.value}\` from ${param.source}.\n\n${footer}`;
  }
  const value = resolveSystemVariable(name, ctx);
  if (value !== undefined) {
    const info = listSystemVariables().find(
      (v) => v.name === `\${${name}}` || v.name === `\${${name.replace(/-\d+$/, '-n')}}`,
    );
    return `**\`\${${name}}\`** = \`${value}\`\n\n${info?.description ?? 'System variable'}\n\n${footer}`;
  }
  if (name.startsWith('env.')) {
    const token = canaanhiveToken(name.slice(4), businessDate);
    if (token !== undefined)
      return `**\`\${${name}}\`** = \`${token}\`\n\n\`canaanhive -d ${businessDate}\` date token.\n\n${footer}`;
    return `**\`\${${name}}\`**\n\nSet by \`canaanhive -E ${name.slice(4)}=…\` when the script runs.`;
  }
  return null;
}
