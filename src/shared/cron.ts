import cronstrue from 'cronstrue';

/**
 * 7-field Quartz cron (`sec min hour day-of-month month day-of-week [year]`), as EnOS uses for
 * a workflow's Specific Time. Everything here works on wall-clock fields, never on the host's
 * time zone: times go in and come out as `YYYY-MM-DD HH:mm:ss` strings.
 */

export type CronCycle = 'M' | 'W' | 'D' | 'H' | 'mi';

export type CronFieldName = 'second' | 'minute' | 'hour' | 'day-of-month' | 'month' | 'day-of-week' | 'year';

/** Day-of-month rule: plain days plus the Quartz specials `L`, `L-n`, `nW`, `LW`. */
interface DomRule {
  any: boolean;
  days: boolean[]; // index 1..31
  last: boolean;
  lastOffset: number; // L-n
  lastWeekday: boolean; // LW
  nearestWeekday: number[]; // nW
}

/** Day-of-week rule (1=SUN..7=SAT): plain days plus `nL` (last n-day of the month) and `n#k`. */
interface DowRule {
  any: boolean;
  days: boolean[]; // index 1..7
  lastOf: number[];
  nth: Array<{ day: number; n: number }>;
}

/** A parsed Quartz cron expression. */
export interface CronExpression {
  source: string;
  seconds: number[];
  minutes: number[];
  hours: number[];
  months: number[];
  /** Empty when every year matches. */
  years: number[];
  dom: DomRule;
  dow: DowRule;
}

/** A cron syntax error; `field` names the offending field. */
export class CronError extends Error {
  constructor(
    message: string,
    readonly field?: CronFieldName,
  ) {
    super(message);
    this.name = 'CronError';
  }
}

const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
const DAYS = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];
const MAX_YEAR = 2099;

interface Bounds {
  name: CronFieldName;
  min: number;
  max: number;
  names?: string[];
}

const FIELD_BOUNDS: Bounds[] = [
  { name: 'second', min: 0, max: 59 },
  { name: 'minute', min: 0, max: 59 },
  { name: 'hour', min: 0, max: 23 },
  { name: 'day-of-month', min: 1, max: 31 },
  { name: 'month', min: 1, max: 12, names: MONTHS },
  { name: 'day-of-week', min: 1, max: 7, names: DAYS },
  { name: 'year', min: 1970, max: MAX_YEAR },
];

function fail(b: Bounds, text: string, why: string): never {
  throw new CronError(`${b.name} field "${text}": ${why}`, b.name);
}

function parseValue(b: Bounds, token: string, whole: string): number {
  const upper = token.toUpperCase();
  if (b.names) {
    const i = b.names.indexOf(upper);
    if (i >= 0) return i + b.min;
  }
  if (!/^\d+$/.test(token)) fail(b, whole, `"${token}" is not a number${b.names ? ` or a name (${b.names.join(', ')})` : ''}`);
  const n = Number(token);
  if (n < b.min || n > b.max) fail(b, whole, `${n} is out of range ${b.min}-${b.max}`);
  return n;
}

/** Parses `*`, `a`, `a-b`, `a/s`, `a-b/s`, `* /s` and comma lists into a sorted value list. */
function parseList(b: Bounds, text: string): number[] {
  const out = new Set<number>();
  for (const part of text.split(',')) {
    if (part === '') fail(b, text, 'empty list item');
    const [range, stepText, extra] = part.split('/');
    if (extra !== undefined) fail(b, text, `"${part}" has more than one "/"`);
    let step = 1;
    if (stepText !== undefined) {
      if (!/^\d+$/.test(stepText) || Number(stepText) === 0) fail(b, text, `step "${stepText}" must be a positive number`);
      step = Number(stepText);
    }
    let lo: number;
    let hi: number;
    if (range === '*') {
      lo = b.min;
      hi = b.max;
    } else if (range.includes('-')) {
      const [a, c] = range.split('-');
      lo = parseValue(b, a, text);
      hi = parseValue(b, c, text);
      if (hi < lo) fail(b, text, `range ${a}-${c} runs backwards`);
    } else {
      lo = parseValue(b, range, text);
      hi = stepText !== undefined ? b.max : lo;
    }
    for (let v = lo; v <= hi; v += step) out.add(v);
  }
  return [...out].sort((x, y) => x - y);
}

function parseDom(text: string): DomRule {
  const b = FIELD_BOUNDS[3];
  const rule: DomRule = { any: false, days: new Array(32).fill(false), last: false, lastOffset: 0, lastWeekday: false, nearestWeekday: [] };
  if (text === '?') return { ...rule, any: true };
  for (const part of text.split(',')) {
    const up = part.toUpperCase();
    if (up === 'L') rule.last = true;
    else if (up === 'LW') rule.lastWeekday = true;
    else if (/^L-\d+$/.test(up)) {
      const n = Number(up.slice(2));
      if (n > 30) fail(b, text, `L-${n}: offset must be 0-30`);
      rule.last = true;
      rule.lastOffset = n;
    } else if (/^\d+W$/.test(up)) rule.nearestWeekday.push(parseValue(b, up.slice(0, -1), text));
    else if (/[LW]/.test(up)) fail(b, text, `"${part}" is not valid (use L, L-n, nW or LW)`);
    else for (const d of parseList(b, part)) rule.days[d] = true;
  }
  return rule;
}

function parseDow(text: string): DowRule {
  const b = FIELD_BOUNDS[5];
  const rule: DowRule = { any: false, days: new Array(8).fill(false), lastOf: [], nth: [] };
  if (text === '?') return { ...rule, any: true };
  for (const part of text.split(',')) {
    const up = part.toUpperCase();
    if (up === 'L') rule.days[7] = true; // Quartz: a lone L in day-of-week means Saturday
    else if (/^[A-Z0-9]+L$/.test(up)) rule.lastOf.push(parseValue(b, up.slice(0, -1), text));
    else if (up.includes('#')) {
      const [d, n] = up.split('#');
      const k = Number(n);
      if (!/^\d$/.test(n) || k < 1 || k > 5) fail(b, text, `"#${n}": the occurrence must be 1-5`);
      rule.nth.push({ day: parseValue(b, d, text), n: k });
    } else for (const d of parseList(b, part)) rule.days[d] = true;
  }
  return rule;
}

/**
 * Parses a Quartz cron expression (6 or 7 fields). Throws {@link CronError} naming the bad field.
 * One of day-of-month and day-of-week must be `?`, as Quartz requires.
 */
export function parseCron(expression: string): CronExpression {
  const fields = expression.trim().split(/\s+/);
  if (fields.length < 6 || fields.length > 7 || fields[0] === '') {
    throw new CronError(
      `expected 7 fields "sec min hour day-of-month month day-of-week year" (year optional), got ${fields[0] === '' ? 0 : fields.length}`,
    );
  }
  FIELD_BOUNDS.slice(0, fields.length).forEach((b, i) => {
    if (fields[i] === '?' && b.name !== 'day-of-month' && b.name !== 'day-of-week') fail(b, fields[i], '"?" is allowed only in day-of-month and day-of-week');
  });
  const [sec, min, hour, domText, month, dowText, year] = fields;
  const domQ = domText === '?';
  const dowQ = dowText === '?';
  if (domQ === dowQ) {
    throw new CronError(
      domQ
        ? 'day-of-month and day-of-week are both "?"; give one of them a value'
        : `one of day-of-month ("${domText}") and day-of-week ("${dowText}") must be "?"`,
      'day-of-week',
    );
  }
  return {
    source: expression.trim(),
    seconds: parseList(FIELD_BOUNDS[0], sec),
    minutes: parseList(FIELD_BOUNDS[1], min),
    hours: parseList(FIELD_BOUNDS[2], hour),
    dom: parseDom(domText),
    months: parseList(FIELD_BOUNDS[4], month),
    dow: parseDow(dowText),
    years: year === undefined || year === '*' ? [] : parseList(FIELD_BOUNDS[6], year),
  };
}

/** Returns the error message for an invalid expression, or null when it parses. */
export function cronError(expression: string): string | null {
  try {
    parseCron(expression);
    return null;
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
}

/** A human description, e.g. "At 02:30, every day". Returns the parse error message when invalid. */
export function describeCron(expression: string): string {
  const err = cronError(expression);
  if (err) return `Invalid cron: ${err}`;
  try {
    return cronstrue.toString(expression, { use24HourTimeFormat: true, dayOfWeekStartIndexZero: false, verbose: false });
  } catch (e) {
    return String(e);
  }
}

function daysInMonth(y: number, m: number): number {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

/** 1=SUN..7=SAT, computed on the proleptic calendar (no time zone involved). */
function weekday(y: number, m: number, d: number): number {
  return new Date(Date.UTC(y, m - 1, d)).getUTCDay() + 1;
}

function nearestWeekdayOf(y: number, m: number, d: number): number {
  const dim = daysInMonth(y, m);
  const day = Math.min(d, dim);
  const wd = weekday(y, m, day);
  if (wd === 7) return day === 1 ? 3 : day - 1; // Saturday -> Friday, or Monday the 3rd
  if (wd === 1) return day === dim ? day - 2 : day + 1; // Sunday -> Monday, or Friday
  return day;
}

function matchingDays(c: CronExpression, y: number, m: number): boolean[] {
  const dim = daysInMonth(y, m);
  const ok: boolean[] = new Array(dim + 1).fill(false);
  if (!c.dom.any) {
    for (let d = 1; d <= dim; d++) if (c.dom.days[d]) ok[d] = true;
    if (c.dom.last) {
      const d = dim - c.dom.lastOffset;
      if (d >= 1) ok[d] = true;
    }
    if (c.dom.lastWeekday) ok[nearestWeekdayOf(y, m, dim)] = true;
    for (const n of c.dom.nearestWeekday) if (n <= dim) ok[nearestWeekdayOf(y, m, n)] = true;
  } else {
    const first = weekday(y, m, 1);
    for (let d = 1; d <= dim; d++) {
      const wd = ((first - 1 + d - 1) % 7) + 1;
      if (c.dow.days[wd]) ok[d] = true;
      if (c.dow.lastOf.includes(wd) && d + 7 > dim) ok[d] = true;
      for (const { day, n } of c.dow.nth) if (day === wd && Math.ceil(d / 7) === n) ok[d] = true;
    }
  }
  return ok;
}

function pad(n: number, w = 2): string {
  return String(n).padStart(w, '0');
}

const WALL_CLOCK = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})$/;

/**
 * The next `count` fire times strictly after `from` (`YYYY-MM-DD HH:mm:ss`, wall clock), as
 * wall-clock strings. No time zone and no DST: the cron is read in the workspace's local time.
 * Walks months and matching days, never individual seconds; stops at year 2099.
 */
export function nextFireTimes(cron: string | CronExpression, from: string, count: number): string[] {
  const c = typeof cron === 'string' ? parseCron(cron) : cron;
  const m0 = WALL_CLOCK.exec(from);
  if (!m0) throw new Error(`from must be "YYYY-MM-DD HH:mm:ss", got "${from}"`);
  const [fy, fmo, fd, fh, fmi, fs] = m0.slice(1).map(Number);
  const out: string[] = [];
  const fromKey = fh * 3600 + fmi * 60 + fs;
  for (let y = fy; y <= MAX_YEAR && out.length < count; y++) {
    if (c.years.length > 0 && !c.years.includes(y)) continue;
    for (const m of c.months) {
      if (out.length >= count) break;
      if (y === fy && m < fmo) continue;
      const days = matchingDays(c, y, m);
      for (let d = 1; d < days.length && out.length < count; d++) {
        if (!days[d]) continue;
        const sameDay = y === fy && m === fmo && d === fd;
        if (y === fy && m === fmo && d < fd) continue;
        for (const h of c.hours) {
          if (out.length >= count) break;
          if (sameDay && h < fh) continue;
          for (const mi of c.minutes) {
            if (out.length >= count) break;
            if (sameDay && h === fh && mi < fmi) continue;
            for (const s of c.seconds) {
              if (sameDay && h * 3600 + mi * 60 + s <= fromKey) continue;
              out.push(`${y}-${pad(m)}-${pad(d)} ${pad(h)}:${pad(mi)}:${pad(s)}`);
              if (out.length >= count) break;
            }
          }
        }
      }
    }
  }
  return out;
}

/** Time-picker values for {@link cronForCycle}; dayOfWeek uses Quartz numbering 1=SUN..7=SAT. */
export interface CycleTime {
  minute?: number;
  hour?: number;
  dayOfMonth?: number;
  dayOfWeek?: number;
}

/**
 * The cron the EnOS time picker produces for a Scheduling Cycle:
 * `mi` -> `0 0/1 * * * ? *`; `H` -> `0 <m> 0/1 * * ? *`; `D` -> `0 <m> <h> * * ? *`;
 * `W` -> `0 <m> <h> ? * <dow> *`; `M` -> `0 <m> <h> <dom> * ? *`.
 */
export function cronForCycle(cycle: CronCycle, time: CycleTime = {}): string {
  const { minute = 0, hour = 0, dayOfMonth = 1, dayOfWeek = 2 } = time;
  switch (cycle) {
    case 'mi':
      return '0 0/1 * * * ? *';
    case 'H':
      return `0 ${minute} 0/1 * * ? *`;
    case 'D':
      return `0 ${minute} ${hour} * * ? *`;
    case 'W':
      return `0 ${minute} ${hour} ? * ${dayOfWeek} *`;
    case 'M':
      return `0 ${minute} ${hour} ${dayOfMonth} * ? *`;
  }
}
