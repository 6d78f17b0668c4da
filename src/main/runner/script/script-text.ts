import type { ScriptLanguage } from '../../../shared/contract/runner';
import { triggerTimeOfBusinessDate, yesterday } from '../../../shared/run-dates';
import {
  substituteCanaanhive,
  substituteVariables,
  type SubstitutionResult,
} from '../../../shared/variables';
import { splitHql } from '../warehouse/hql';
import { utcOffsetAt } from '../../../shared/time/trigger-time';

/** What a script run substitutes `${...}` with. */
export interface ScriptVariables {
  businessDate?: string;
  parameters?: Readonly<Record<string, string>>;
  /** IANA zone of the workspace (bdp.yaml `timezone`), for `${unix_timestamp}`. */
  timezone?: string;
  /** `${env.APP_CUSTOMER}` / `${env.APP_ID}`. */
  app?: { customer: string; id: string };
}

/**
 * The text a run executes: EnOS system variables and parameters substituted (spec §3.4); HQL
 * also gets canaanhive's `${env.YYYYMMDD}` date tokens and `${env.NAME}` from the parameters,
 * as `canaanhive -d <date> -E NAME=value` would give them.
 */
export function substituteScript(
  text: string,
  language: ScriptLanguage,
  vars: ScriptVariables,
): SubstitutionResult {
  const businessDate = vars.businessDate ?? yesterday(new Date(), vars.timezone);
  const triggerTime = triggerTimeOfBusinessDate(businessDate);
  const context = {
    triggerTime,
    utcOffsetMinutes: utcOffsetAt(triggerTime, vars.timezone),
    appCustomer: vars.app?.customer,
    appId: vars.app?.id,
  };
  let source = text;
  const unresolved = new Set<string>();
  if (language === 'hql') {
    const hive = substituteCanaanhive(text, { date: businessDate, env: vars.parameters ?? {} });
    source = hive.text;
    // canaanhive reports the ${...} it does not own too; the second pass decides about those.
  }
  const result = substituteVariables(source, { context, workflowParameters: vars.parameters });
  result.unresolved.forEach((u) => unresolved.add(u));
  return { text: result.text, unresolved: [...unresolved] };
}

/**
 * A Python selection made runnable: the common indentation is removed (a selection inside a
 * function body would otherwise be an IndentationError); blank lines do not count.
 */
export function dedent(text: string): string {
  const lines = text.split('\n');
  let common: string | undefined;
  for (const line of lines) {
    if (!line.trim()) continue;
    const indent = /^[ \t]*/.exec(line)![0];
    if (common === undefined || !indent.startsWith(common)) {
      let k = 0;
      while (common !== undefined && k < common.length && k < indent.length && common[k] === indent[k]) k++;
      common = common === undefined ? indent : common.slice(0, k);
    }
  }
  if (!common) return text;
  const cut = common.length;
  return lines.map((l) => (l.trim() ? l.slice(cut) : '')).join('\n');
}

/** The statement of a SQL/HQL text that contains `line` (1-based): its text and first line. */
export function statementAt(text: string, line: number): { text: string; firstLine: number } | undefined {
  const statements = splitHql(text);
  let pick: (typeof statements)[number] | undefined;
  for (const st of statements) {
    if (st.line <= line) pick = st;
    else break;
  }
  pick ??= statements[0];
  if (!pick) return undefined;
  // Keep the statement's own line breaks so error lines inside it still map to the file.
  return { text: pick.sql, firstLine: pick.line };
}

/** Splits a command line like a POSIX shell (quotes and backslashes; no expansions). Throws on an open quote. */
export function splitArgs(text: string): string[] {
  const out: string[] = [];
  let cur = '';
  let inWord = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === "'") {
      const end = text.indexOf("'", i + 1);
      if (end < 0) throw new Error('unterminated single quote in the arguments');
      cur += text.slice(i + 1, end);
      i = end;
      inWord = true;
    } else if (ch === '"') {
      let k = i + 1;
      for (; k < text.length && text[k] !== '"'; k++) {
        if (text[k] === '\\' && k + 1 < text.length && '"\\$`'.includes(text[k + 1])) k++;
        cur += text[k];
      }
      if (k >= text.length) throw new Error('unterminated double quote in the arguments');
      i = k;
      inWord = true;
    } else if (ch === '\\' && i + 1 < text.length) {
      cur += text[++i];
      inWord = true;
    } else if (/\s/.test(ch)) {
      if (inWord) out.push(cur);
      cur = '';
      inWord = false;
    } else {
      cur += ch;
      inWord = true;
    }
  }
  if (inWord) out.push(cur);
  return out;
}
