/**
 * EnOS system variables (spec §3.4), `${param}` substitution, and `canaanhive -d` date tokens
 * (spec §3.5). All date arithmetic runs on wall-clock fields through `Date.UTC`, so results never
 * depend on the host's time zone; the only zone input is `utcOffsetMinutes` for `${unix_timestamp}`.
 */

/** When an instance was triggered: wall-clock time in the workspace zone plus that zone's UTC offset. */
export interface TriggerTime {
  /** `YYYY-MM-DD HH:mm:ss` (or `YYYY-MM-DDTHH:mm:ss`), local wall clock. */
  triggerTime: string;
  /** Offset of the local zone from UTC in minutes at that moment, e.g. 480 for GMT+8. */
  utcOffsetMinutes: number;
}

/** Everything the system variables are computed from. Ids absent = the variable stays unresolved. */
export interface VariableContext extends TriggerTime {
  /** `${task_id}`: the current task instance id. */
  taskId?: string;
  /** `${instance_id}`: the current workflow instance id, e.g. `2809-20190808093200`. */
  instanceId?: string;
  /** `${env.APP_CUSTOMER}`. */
  appCustomer?: string;
  /** `${env.APP_ID}`. */
  appId?: string;
}

interface Fields {
  y: number;
  m: number;
  d: number;
  h: number;
  mi: number;
  s: number;
}

const TRIGGER = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2}))?)?$/;

function parseTrigger(text: string): Fields {
  const m = TRIGGER.exec(text.trim());
  if (!m) throw new Error(`trigger time must be "YYYY-MM-DD HH:mm:ss", got "${text}"`);
  const f = { y: +m[1], m: +m[2], d: +m[3], h: +(m[4] ?? 0), mi: +(m[5] ?? 0), s: +(m[6] ?? 0) };
  const check = fromMs(toMs(f));
  if (check.m !== f.m || check.d !== f.d || f.h > 23 || f.mi > 59 || f.s > 59)
    throw new Error(`trigger time "${text}" is not a real date and time`);
  return f;
}

function toMs(f: Fields): number {
  return Date.UTC(f.y, f.m - 1, f.d, f.h, f.mi, f.s);
}

function fromMs(ms: number): Fields {
  const t = new Date(ms);
  return {
    y: t.getUTCFullYear(),
    m: t.getUTCMonth() + 1,
    d: t.getUTCDate(),
    h: t.getUTCHours(),
    mi: t.getUTCMinutes(),
    s: t.getUTCSeconds(),
  };
}

const DAY = 86_400_000;

function addDays(f: Fields, n: number): Fields {
  return fromMs(toMs(f) + n * DAY);
}

/** Adds months, clamping the day to the target month's length (Jan 31 + 1 month = Feb 28). */
function addMonths(f: Fields, n: number): Fields {
  const idx = f.y * 12 + (f.m - 1) + n;
  const y = Math.floor(idx / 12);
  const m = (idx % 12) + 1;
  return { ...f, y, m, d: Math.min(f.d, daysInMonth(y, m)) };
}

function daysInMonth(y: number, m: number): number {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

const p2 = (n: number): string => String(n).padStart(2, '0');
const d10 = (f: Fields): string => `${f.y}-${p2(f.m)}-${p2(f.d)}`;
const d8 = (f: Fields): string => `${f.y}${p2(f.m)}${p2(f.d)}`;

/** The business date (`calDt`) of a trigger: the trigger date minus one day, as `YYYY-MM-DD`. */
export function businessDateOf(trigger: string | TriggerTime): string {
  const f = parseTrigger(typeof trigger === 'string' ? trigger : trigger.triggerTime);
  return d10(addDays(f, -1));
}

/** The values of every fixed-name system variable (not the `-n` forms) for a context. */
export function systemVariables(ctx: VariableContext): Record<string, string> {
  const tt = parseTrigger(ctx.triggerTime);
  const bd = addDays({ ...tt, h: 0, mi: 0, s: 0 }, -1);
  const firstThis = { ...bd, d: 1 };
  const endThis = { ...bd, d: daysInMonth(bd.y, bd.m) };
  const firstLast = addMonths(firstThis, -1);
  const lastLast = addDays(firstThis, -1);
  const bdWeekday = new Date(toMs(bd)).getUTCDay(); // 0 = Sunday
  const mondayNext = addDays(bd, (8 - bdWeekday) % 7 || 7);
  // "Business datetime" = business date + the trigger's time of day (spec §3.4 examples).
  const hourBack = fromMs(toMs({ ...bd, h: tt.h, mi: tt.mi, s: tt.s }) - 3_600_000);
  const vars: Record<string, string> = {
    cal_dt: d10(bd),
    cal_dt8: d8(bd),
    ncal_dt: d10(addDays(bd, 1)),
    ncal_dt8: d8(addDays(bd, 1)),
    last_week8: d8(addDays(bd, -6)),
    last_week10: d10(addDays(bd, -6)),
    first_day_this_month8: d8(firstThis),
    first_day_this_month10: d10(firstThis),
    end_day_this_month8: d8(endThis),
    end_day_this_month10: d10(endThis),
    first_day_last_month8: d8(firstLast),
    first_day_last_month10: d10(firstLast),
    last_day_last_month8: d8(lastLast),
    last_day_last_month10: d10(lastLast),
    monday_next_week8: d8(mondayNext),
    monday_next_week10: d10(mondayNext),
    '30days_cal_dt': d10(addDays(bd, -30)),
    hcal_dt8: d8(hourBack),
    cal_hr: p2(hourBack.h),
    this_hour: `${d10(tt)} ${p2(tt.h)}:00:00`,
    unix_timestamp: String(Math.floor(toMs(tt) / 1000) - ctx.utcOffsetMinutes * 60),
  };
  if (ctx.taskId !== undefined) vars.task_id = ctx.taskId;
  if (ctx.instanceId !== undefined) vars.instance_id = ctx.instanceId;
  if (ctx.appCustomer !== undefined) vars['env.APP_CUSTOMER'] = ctx.appCustomer;
  if (ctx.appId !== undefined) vars['env.APP_ID'] = ctx.appId;
  return vars;
}

const OFFSET_VAR = /^(cal_dt8?)-(\d{1,4})$/;

/**
 * The value of one system variable (`cal_dt`, `cal_dt8-3`, ...) or undefined when the name is
 * not a system variable, or is an id the context does not provide.
 */
export function resolveSystemVariable(
  name: string,
  ctx: VariableContext,
  cache?: Record<string, string>,
): string | undefined {
  const vars = cache ?? systemVariables(ctx);
  if (Object.prototype.hasOwnProperty.call(vars, name)) return vars[name];
  const m = OFFSET_VAR.exec(name);
  if (m) {
    const bd = addDays(parseTrigger(ctx.triggerTime), -1 - Number(m[2]));
    return m[1] === 'cal_dt' ? d10(bd) : d8(bd);
  }
  return undefined;
}

export interface SystemVariableInfo {
  /** As written in text, e.g. `${cal_dt-n}`. */
  name: string;
  description: string;
  /** The value for the reference trigger 2017-05-27 13:50:00 GMT+8. */
  example: string;
}

const REFERENCE_CONTEXT: VariableContext = {
  triggerTime: '2017-05-27 13:50:00',
  utcOffsetMinutes: 480,
  taskId: '104890-20170527135000',
  instanceId: '2809-20170527135000',
  appCustomer: 'CLP',
  appId: 'a22b94f9-0000-0000-0000-000000000000',
};

const DESCRIPTIONS: Array<[string, string]> = [
  ['cal_dt', 'Business date (trigger date − 1 day), YYYY-MM-DD'],
  ['cal_dt8', 'Business date, YYYYMMDD'],
  ['cal_dt-n', 'Business date − n days, YYYY-MM-DD (e.g. ${cal_dt-1})'],
  ['cal_dt8-n', 'Business date − n days, YYYYMMDD (e.g. ${cal_dt8-1})'],
  ['ncal_dt', 'Business date + 1 (the trigger date), YYYY-MM-DD'],
  ['ncal_dt8', 'Business date + 1 (the trigger date), YYYYMMDD'],
  ['last_week8', 'Business date − 6 days, YYYYMMDD'],
  ['last_week10', 'Business date − 6 days, YYYY-MM-DD'],
  ['first_day_this_month8', "First day of the business date's month, YYYYMMDD"],
  ['first_day_this_month10', "First day of the business date's month, YYYY-MM-DD"],
  ['end_day_this_month8', "Last day of the business date's month, YYYYMMDD"],
  ['end_day_this_month10', "Last day of the business date's month, YYYY-MM-DD"],
  ['first_day_last_month8', 'First day of the previous month, YYYYMMDD'],
  ['first_day_last_month10', 'First day of the previous month, YYYY-MM-DD'],
  ['last_day_last_month8', 'Last day of the previous month, YYYYMMDD'],
  ['last_day_last_month10', 'Last day of the previous month, YYYY-MM-DD'],
  ['monday_next_week8', 'The Monday after the business date, YYYYMMDD'],
  ['monday_next_week10', 'The Monday after the business date, YYYY-MM-DD'],
  ['30days_cal_dt', 'Business date − 30 days, YYYY-MM-DD'],
  ['hcal_dt8', 'Date of (business datetime − 1 hour), YYYYMMDD'],
  ['cal_hr', 'Hour of (business datetime − 1 hour), HH'],
  ['this_hour', 'Trigger time truncated to the hour, YYYY-MM-DD HH:00:00'],
  ['unix_timestamp', 'Trigger time as Unix epoch seconds'],
  ['task_id', 'Id of the current task instance'],
  ['instance_id', 'Id of the current workflow instance'],
  ['env.APP_CUSTOMER', 'Group account of the user who generated the instance'],
  ['env.APP_ID', 'App ID the instance belongs to'],
];

const SYSTEM_NAMES = new Set(Object.keys(systemVariables(REFERENCE_CONTEXT)));

/** Whether `name` is an EnOS system variable (`cal_dt`, `cal_dt8-3`, `env.APP_ID`, ...). */
export function isSystemVariable(name: string): boolean {
  return SYSTEM_NAMES.has(name) || OFFSET_VAR.test(name);
}

/** Every system variable with a description and its value for the reference trigger, for completion and hover. */
export function listSystemVariables(): SystemVariableInfo[] {
  const vars = systemVariables(REFERENCE_CONTEXT);
  return DESCRIPTIONS.map(([name, description]) => ({
    name: `\${${name}}`,
    description,
    example: resolveSystemVariable(name.replace(/-n$/, '-1'), REFERENCE_CONTEXT, vars) ?? '',
  }));
}

export interface SubstitutionResult {
  text: string;
  /** Names of `${...}` placeholders left as written because nothing defines them (each once). */
  unresolved: string[];
}

export interface SubstitutionScope {
  context: VariableContext;
  /** Workflow ("global") parameters. */
  workflowParameters?: Readonly<Record<string, string>>;
  /** Task parameters; they override workflow parameters of the same name. */
  taskParameters?: Readonly<Record<string, string>>;
}

const PLACEHOLDER = /\$(\$?)\{([^{}\s]+)\}/g;

/**
 * Replaces `${name}` in `text`. Lookup order: task parameter, workflow parameter, system
 * variable. Parameter values may themselves hold placeholders (`dt=${cal_dt}`), expanded
 * recursively; a parameter that refers back to itself stays unresolved. `$${name}` is an escape
 * that yields a literal `${name}`. Unknown placeholders are left as written and reported.
 */
export function substituteVariables(text: string, scope: SubstitutionScope): SubstitutionResult {
  const sys = systemVariables(scope.context);
  const unresolved = new Set<string>();
  const params = { ...(scope.workflowParameters ?? {}), ...(scope.taskParameters ?? {}) };
  const memo = new Map<string, string | undefined>();
  const expanding = new Set<string>();

  const lookup = (name: string): string | undefined => {
    if (Object.prototype.hasOwnProperty.call(params, name)) {
      if (memo.has(name)) return memo.get(name);
      if (expanding.has(name)) return undefined;
      expanding.add(name);
      const value = expand(params[name]);
      expanding.delete(name);
      memo.set(name, value);
      return value;
    }
    return resolveSystemVariable(name, scope.context, sys);
  };
  const expand = (s: string): string =>
    s.replace(PLACEHOLDER, (whole, escape: string, name: string) => {
      if (escape) return whole.slice(1);
      const v = lookup(name);
      if (v === undefined) {
        unresolved.add(name);
        return whole;
      }
      return v;
    });

  return { text: expand(text), unresolved: [...unresolved] };
}

/** The effective parameters of a task: workflow parameters overridden by task parameters, all values substituted. */
export function resolveParameters(scope: SubstitutionScope): {
  values: Record<string, string>;
  unresolved: string[];
} {
  const names = new Set([
    ...Object.keys(scope.workflowParameters ?? {}),
    ...Object.keys(scope.taskParameters ?? {}),
  ]);
  const values: Record<string, string> = {};
  const unresolved = new Set<string>();
  for (const name of names) {
    const r = substituteVariables(`\${${name}}`, scope);
    values[name] = r.text;
    r.unresolved.forEach((u) => unresolved.add(u));
  }
  return { values, unresolved: [...unresolved] };
}

/** The `${...}` names used in a text (escaped `$${...}` excluded), in order of first use. */
export function placeholdersIn(text: string): string[] {
  const out = new Set<string>();
  for (const m of text.matchAll(PLACEHOLDER)) if (!m[1]) out.add(m[2]);
  return [...out];
}

const CANAAN_TOKEN = /^(YYYYMMDD|YYYYMM|YYYY)(?:_([PN])(\d+)([DMY]))?$/;

/**
 * The value of a `canaanhive -d` token (`YYYYMMDD`, `YYYYMMDD_P1D`, `YYYYMM_N1Y`, `YYYY`, `MM`,
 * `DD`, spec §3.5) for a base date `YYYY-MM-DD`, or undefined for an unknown token or an offset
 * outside the documented range (P..D 1-30, P..M 1-12 for YYYYMMDD; 1-2 otherwise).
 * `YYYYMMDD` yields a dashed date, as EnOS does.
 */
export function canaanhiveToken(token: string, baseDate: string): string | undefined {
  const base = parseTrigger(baseDate);
  if (token === 'MM') return p2(base.m);
  if (token === 'DD') return p2(base.d);
  const m = CANAAN_TOKEN.exec(token);
  if (!m) return undefined;
  const [, fmt, dir, nText, unit] = m;
  let f = base;
  if (dir) {
    const n = Number(nText);
    const max = fmt === 'YYYYMMDD' && dir === 'P' ? (unit === 'D' ? 30 : unit === 'M' ? 12 : 2) : 2;
    if (n < 1 || n > max) return undefined;
    const k = dir === 'P' ? -n : n;
    f = unit === 'D' ? addDays(base, k) : unit === 'M' ? addMonths(base, k) : addMonths(base, 12 * k);
  }
  if (fmt === 'YYYYMMDD') return d10(f);
  if (fmt === 'YYYYMM') return `${f.y}-${p2(f.m)}`;
  return String(f.y);
}

/**
 * Substitutes `${env.NAME}` in HQL run by `canaanhive`: `-E NAME=value` variables first, then the
 * `-d` date tokens. Unknown names are left as written and reported.
 */
export function substituteCanaanhive(
  hql: string,
  options: { date?: string; env?: Readonly<Record<string, string>> },
): SubstitutionResult {
  const unresolved = new Set<string>();
  const text = hql.replace(/\$\{env\.([A-Za-z0-9_]+)\}/g, (whole, name: string) => {
    if (options.env && Object.prototype.hasOwnProperty.call(options.env, name)) return options.env[name];
    const v = options.date ? canaanhiveToken(name, options.date) : undefined;
    if (v === undefined) {
      unresolved.add(`env.${name}`);
      return whole;
    }
    return v;
  });
  return { text, unresolved: [...unresolved] };
}

/** The parts of a `canaanhive` (or `hive`) command line: `-f file`, `-d date`, `-E k=v`..., `-str sql`. */
export interface CanaanhiveArgs {
  file?: string;
  date?: string;
  env: Record<string, string>;
  sql?: string;
}

function shellWords(s: string): string[] {
  const words: string[] = [];
  const re = /"((?:[^"\\]|\\.)*)"|'([^']*)'|(\S+)/g;
  for (const m of s.matchAll(re))
    words.push(m[1] !== undefined ? m[1].replace(/\\(.)/g, '$1') : (m[2] ?? m[3]));
  return words;
}

/** Parses the arguments of a `canaanhive` command line; returns null when the command is not canaanhive. */
export function parseCanaanhiveCommand(command: string): CanaanhiveArgs | null {
  const words = shellWords(command.trim());
  if (words[0] !== 'canaanhive') return null;
  const out: CanaanhiveArgs = { env: {} };
  for (let i = 1; i < words.length; i++) {
    const w = words[i];
    const next = words[i + 1];
    if (w === '-f' && next !== undefined) out.file = words[++i];
    else if (w === '-d' && next !== undefined) out.date = words[++i];
    else if (w === '-str' && next !== undefined) out.sql = words[++i];
    else if (w === '-E' && next !== undefined) {
      const kv = words[++i];
      const eq = kv.indexOf('=');
      if (eq > 0) out.env[kv.slice(0, eq)] = kv.slice(eq + 1);
    }
  }
  return out;
}
