/**
 * Reads a cron expression exactly as Quartz 2.3.2 does (`org.quartz.CronExpression`, the version
 * DolphinScheduler pins and fires schedules with): which texts it accepts, the message it refuses
 * the others with, and the value sets it builds — quirks included, because a schedule fires as
 * Quartz reads it, not as the text suggests:
 * - a range may wrap (`22-2` hours, `SAT-SUN`, `NOV-FEB`, `28-3` days);
 * - only the first three letters of a name count (`JANUARY` is `JAN`), and a step after a name is
 *   ignored (`JAN/4` is January only);
 * - anything after a number that Quartz does not look at is ignored (`1.5` is `1`);
 * - empty list items are skipped (`1,,2`), and tokens past the seventh are ignored.
 * Our own code; the rules, messages and their order follow the class's parser.
 */

export const SECOND = 0;
export const MINUTE = 1;
export const HOUR = 2;
export const DAY_OF_MONTH = 3;
export const MONTH = 4;
export const DAY_OF_WEEK = 5;
export const YEAR = 6;

/** Quartz keeps these markers inside the value sets: `*` and `?`. */
export const ALL_SPEC = 99;
export const NO_SPEC = 98;

/** A parsed expression: sorted value sets (markers included, as Quartz keeps them) and day flags. */
export interface QuartzCron {
  /** Sorted ascending; index by SECOND..YEAR. */
  sets: number[][];
  lastDayOfWeek: boolean;
  nthDayOfWeek: number;
  lastDayOfMonth: boolean;
  nearestWeekday: boolean;
  lastDayOffset: number;
}

/** Quartz refused the expression; `message` is Quartz's own text. */
export class QuartzParseError extends Error {
  constructor(
    message: string,
    /** Index of the field (0 = seconds) being read, when the refusal is about one. */
    readonly field?: number,
  ) {
    super(message);
    this.name = 'QuartzParseError';
  }
}

/** A Java runtime exception escaping the parser, which Quartz reports as "Illegal cron expression format (...)". */
class JavaException extends Error {
  constructor(
    readonly javaClass: string,
    message: string | null,
  ) {
    super(message ?? '');
  }
  override toString(): string {
    return this.message ? `${this.javaClass}: ${this.message}` : this.javaClass;
  }
}

const MONTH_NAMES = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
const DAY_NAMES = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];

/** Java's `String.charAt`: throws where the index is outside the text. */
function charAt(s: string, i: number): string {
  if (i < 0 || i >= s.length)
    throw new JavaException('java.lang.StringIndexOutOfBoundsException', `String index out of range: ${i}`);
  return s[i];
}

/** Java's `String.substring(begin, end)`. */
function substring(s: string, begin: number, end: number): string {
  if (begin < 0 || end > s.length || begin > end) {
    throw new JavaException(
      'java.lang.StringIndexOutOfBoundsException',
      `begin ${begin}, end ${end}, length ${s.length}`,
    );
  }
  return s.slice(begin, end);
}

/** Java's `Integer.parseInt` (ASCII digits, optional sign, 32-bit). */
export function javaParseInt(s: string): number {
  if (!/^[+-]?\d+$/.test(s))
    throw new JavaException('java.lang.NumberFormatException', `For input string: "${s}"`);
  const n = Number(s);
  if (n > 2147483647 || n < -2147483648)
    throw new JavaException('java.lang.NumberFormatException', `For input string: "${s}"`);
  return n;
}

const isDigit = (c: string | undefined): boolean => c !== undefined && c >= '0' && c <= '9';

/** Java's `StringTokenizer`: tokens split by any of `delims`, empty tokens skipped. */
function tokens(s: string, delims: string): string[] {
  const out: string[] = [];
  let cur = '';
  for (const c of s) {
    if (delims.includes(c)) {
      if (cur) out.push(cur);
      cur = '';
    } else cur += c;
  }
  if (cur) out.push(cur);
  return out;
}

/** Java's `String.trim`: strips code points <= U+0020 at both ends. */
function javaTrim(s: string): string {
  let a = 0;
  let b = s.length;
  while (a < b && s.charCodeAt(a) <= 32) a++;
  while (b > a && s.charCodeAt(b - 1) <= 32) b--;
  return s.slice(a, b);
}

class Builder {
  readonly sets: Array<Set<number>> = Array.from({ length: 7 }, () => new Set<number>());
  lastDayOfWeek = false;
  nthDayOfWeek = 0;
  lastDayOfMonth = false;
  nearestWeekday = false;
  lastDayOffset = 0;

  constructor(private readonly maxYear: number) {}

  /** One comma-separated item of a field (Quartz's `storeExpressionVals`). */
  item(s: string, type: number): void {
    let i = 0;
    while (i < s.length && (s[i] === ' ' || s[i] === '\t')) i++;
    if (i >= s.length) return;
    let c = s[i];
    if (c >= 'A' && c <= 'Z' && s !== 'L' && s !== 'LW' && !/^L-[0-9]*W?$/.test(s)) {
      this.named(s, i, type);
      return;
    }
    if (c === '?') {
      i++;
      if (i + 1 < s.length && s[i] !== ' ' && s[i + 1] !== '\t')
        throw new QuartzParseError(`Illegal character after '?': ${s[i]}`);
      if (type !== DAY_OF_WEEK && type !== DAY_OF_MONTH)
        throw new QuartzParseError("'?' can only be specified for Day-of-Month or Day-of-Week.");
      if (type === DAY_OF_WEEK && !this.lastDayOfMonth) {
        const dom = [...this.sets[DAY_OF_MONTH]];
        if (dom.length === 0) throw new JavaException('java.util.NoSuchElementException', null);
        if (Math.max(...dom) === NO_SPEC)
          throw new QuartzParseError("'?' can only be specified for Day-of-Month -OR- Day-of-Week.");
      }
      this.add(NO_SPEC, -1, 0, type);
      return;
    }
    if (c === '*' || c === '/') {
      if (c === '*' && i + 1 >= s.length) {
        this.add(ALL_SPEC, -1, 0, type);
        return;
      }
      if (c === '/' && (i + 1 >= s.length || s[i + 1] === ' ' || s[i + 1] === '\t'))
        throw new QuartzParseError("'/' must be followed by an integer.");
      if (c === '*') i++;
      c = charAt(s, i);
      let incr = 1;
      if (c === '/') {
        i++;
        if (i >= s.length) throw new QuartzParseError('Unexpected end of string.');
        incr = javaParseInt(s.slice(i)); // Quartz reads the step up to the end of the item
        checkIncrement(incr, type);
      }
      this.add(ALL_SPEC, -1, incr, type);
      return;
    }
    if (c === 'L') {
      i++;
      if (type === DAY_OF_MONTH) this.lastDayOfMonth = true;
      if (type === DAY_OF_WEEK) this.add(7, 7, 0, type);
      if (type === DAY_OF_MONTH && s.length > i) {
        if (s[i] === '-') {
          const v = readNumber(0, s, i + 1);
          this.lastDayOffset = v.value;
          if (this.lastDayOffset > 30) throw new QuartzParseError('Offset from last day must be <= 30');
          i = v.pos;
        }
        if (s.length > i && s[i] === 'W') this.nearestWeekday = true;
      }
      return;
    }
    if (isDigit(c)) {
      let val = Number(c);
      i++;
      if (i >= s.length) {
        this.add(val, -1, -1, type);
        return;
      }
      if (isDigit(s[i])) {
        const v = readNumber(val, s, i);
        val = v.value;
        i = v.pos;
      }
      this.afterNumber(i, s, val, type);
      return;
    }
    throw new QuartzParseError(`Unexpected character: ${c}`);
  }

  /** A month or day name, optionally a name range, `#n` or `L` (Quartz reads three letters). */
  private named(s: string, i: number, type: number): void {
    let sub = substring(s, i, i + 3);
    let start: number;
    let end = -1;
    if (type === MONTH) {
      start = MONTH_NAMES.indexOf(sub) + 1;
      if (start <= 0) throw new QuartzParseError(`Invalid Month value: '${sub}'`);
      if (s.length > i + 3 && s[i + 3] === '-') {
        i += 4;
        sub = substring(s, i, i + 3);
        end = MONTH_NAMES.indexOf(sub) + 1;
        if (end <= 0) throw new QuartzParseError(`Invalid Month value: '${sub}'`);
      }
    } else if (type === DAY_OF_WEEK) {
      start = DAY_NAMES.indexOf(sub) + 1;
      if (start <= 0) throw new QuartzParseError(`Invalid Day-of-Week value: '${sub}'`);
      if (s.length > i + 3) {
        const c = s[i + 3];
        if (c === '-') {
          i += 4;
          sub = substring(s, i, i + 3);
          end = DAY_NAMES.indexOf(sub) + 1;
          if (end <= 0) throw new QuartzParseError(`Invalid Day-of-Week value: '${sub}'`);
        } else if (c === '#') {
          this.nthDayOfWeek = nthOf(s.slice(i + 4));
        } else if (c === 'L') {
          this.lastDayOfWeek = true;
        }
      }
    } else {
      throw new QuartzParseError(`Illegal characters for this position: '${sub}'`);
    }
    this.add(start, end, end !== -1 ? 1 : 0, type);
  }

  /** What may follow a number: `L`, `W`, `#n`, `-end[/step]`, `/step` (Quartz's `checkNext`). */
  private afterNumber(pos: number, s: string, val: number, type: number): void {
    let i = pos;
    const c = s[i];
    if (c === 'L') {
      if (type !== DAY_OF_WEEK) throw new QuartzParseError(`'L' option is not valid here. (pos=${i})`);
      if (val < 1 || val > 7) throw new QuartzParseError('Day-of-Week values must be between 1 and 7');
      this.lastDayOfWeek = true;
      this.sets[type].add(val);
      return;
    }
    if (c === 'W') {
      if (type !== DAY_OF_MONTH) throw new QuartzParseError(`'W' option is not valid here. (pos=${i})`);
      this.nearestWeekday = true;
      if (val > 31)
        throw new QuartzParseError(
          "The 'W' option does not make sense with values larger than 31 (max number of days in a month)",
        );
      this.sets[type].add(val);
      return;
    }
    if (c === '#') {
      if (type !== DAY_OF_WEEK) throw new QuartzParseError(`'#' option is not valid here. (pos=${i})`);
      this.nthDayOfWeek = nthOf(s.slice(i + 1));
      this.sets[type].add(val);
      return;
    }
    if (c === '-') {
      i++;
      let end = javaParseInt(charAt(s, i));
      i++;
      if (i >= s.length) {
        this.add(val, end, 1, type);
        return;
      }
      if (isDigit(s[i])) {
        const v = readNumber(end, s, i);
        end = v.value;
        i = v.pos;
      }
      if (i < s.length && s[i] === '/') {
        i++;
        const first = javaParseInt(charAt(s, i));
        i++;
        const step = i < s.length && isDigit(s[i]) ? readNumber(first, s, i).value : first;
        this.add(val, end, step, type);
        return;
      }
      this.add(val, end, 1, type);
      return;
    }
    if (c === '/') {
      if (i + 1 >= s.length || s[i + 1] === ' ' || s[i + 1] === '\t')
        throw new QuartzParseError("'/' must be followed by an integer.");
      i++;
      let step = javaParseInt(charAt(s, i));
      i++;
      if (i < s.length) {
        if (!isDigit(s[i])) throw new QuartzParseError(`Unexpected character '${s[i]}' after '/'`);
        step = readNumber(step, s, i).value;
      }
      checkIncrement(step, type);
      this.add(val, -1, step, type);
      return;
    }
    this.add(val, -1, 0, type);
  }

  /** Quartz's `addToSet`: range checks, then the values from `val` to `end` by `incr`, wrapping past the field's end. */
  private add(val: number, end: number, incr: number, type: number): void {
    const set = this.sets[type];
    checkRange(val, end, type);
    if ((incr === 0 || incr === -1) && val !== ALL_SPEC) {
      set.add(val !== -1 ? val : NO_SPEC);
      return;
    }
    let startAt = val;
    let stopAt = end;
    if (val === ALL_SPEC && incr <= 0) {
      incr = 1;
      set.add(ALL_SPEC);
    }
    const [min, max] = type === YEAR ? [1970, this.maxYear] : FIELD_RANGE[type];
    if (stopAt === -1) stopAt = max;
    if (startAt === -1 || startAt === ALL_SPEC) startAt = min;
    let wrap = -1;
    if (stopAt < startAt) {
      if (type === YEAR)
        throw new JavaException(
          'java.lang.IllegalArgumentException',
          'Start year must be less than stop year',
        );
      wrap = WRAP[type];
      stopAt += wrap;
    }
    for (let v = startAt; v <= stopAt; v += incr) {
      if (wrap === -1) set.add(v);
      else {
        let w = v % wrap;
        if (w === 0 && (type === MONTH || type === DAY_OF_WEEK || type === DAY_OF_MONTH)) w = wrap;
        set.add(w);
      }
    }
  }
}

const FIELD_RANGE: Array<[number, number]> = [
  [0, 59],
  [0, 59],
  [0, 23],
  [1, 31],
  [1, 12],
  [1, 7],
];
const WRAP = [60, 60, 24, 31, 12, 7];

function checkRange(val: number, end: number, type: number): void {
  if (val === ALL_SPEC) return;
  const bad = (lo: number, hi: number): boolean => val < lo || val > hi || end > hi;
  if ((type === SECOND || type === MINUTE) && bad(0, 59))
    throw new QuartzParseError('Minute and Second values must be between 0 and 59');
  if (type === HOUR && bad(0, 23)) throw new QuartzParseError('Hour values must be between 0 and 23');
  if (type === DAY_OF_MONTH && val !== NO_SPEC && bad(1, 31))
    throw new QuartzParseError('Day of month values must be between 1 and 31');
  if (type === MONTH && bad(1, 12)) throw new QuartzParseError('Month values must be between 1 and 12');
  if (type === DAY_OF_WEEK && val !== NO_SPEC && (val === 0 || val > 7 || end > 7))
    throw new QuartzParseError('Day-of-Week values must be between 1 and 7');
}

function checkIncrement(incr: number, type: number): void {
  if (incr > 59 && (type === SECOND || type === MINUTE))
    throw new QuartzParseError(`Increment > 60 : ${incr}`);
  if (incr > 23 && type === HOUR) throw new QuartzParseError(`Increment > 24 : ${incr}`);
  if (incr > 31 && type === DAY_OF_MONTH) throw new QuartzParseError(`Increment > 31 : ${incr}`);
  if (incr > 7 && type === DAY_OF_WEEK) throw new QuartzParseError(`Increment > 7 : ${incr}`);
  if (incr > 12 && type === MONTH) throw new QuartzParseError(`Increment > 12 : ${incr}`);
}

function nthOf(text: string): number {
  let n: number;
  try {
    n = javaParseInt(text);
  } catch {
    n = 0;
  }
  if (n < 1 || n > 5)
    throw new QuartzParseError("A numeric value between 1 and 5 must follow the '#' option");
  return n;
}

/** Quartz's `getValue`: `first` followed by the digits from `i`; `pos` is where reading stopped (one past the end at the end). */
function readNumber(first: number, s: string, i: number): { value: number; pos: number } {
  let c = charAt(s, i);
  let text = String(first);
  while (isDigit(c)) {
    text += c;
    i++;
    if (i >= s.length) break;
    c = s[i];
  }
  return { value: javaParseInt(text), pos: i < s.length ? i : i + 1 };
}

/** The year Quartz stops searching at: the year its class was loaded plus 100. */
export function defaultMaxYear(now: Date = new Date()): number {
  return now.getUTCFullYear() + 100;
}

/**
 * Parses `expression` as Quartz 2.3.2 does. Throws {@link QuartzParseError} with Quartz's message.
 * `maxYear` bounds the years `*` stands for (Quartz: the current year + 100).
 */
export function parseQuartz(expression: string, maxYear = defaultMaxYear()): QuartzCron {
  const b = new Builder(maxYear);
  let field = SECOND;
  let reading: number | undefined;
  try {
    for (const token of tokens(expression.toUpperCase(), ' \t')) {
      if (field > YEAR) break;
      reading = field;
      const expr = javaTrim(token);
      if (field === DAY_OF_MONTH && expr.includes('L') && expr.length > 1 && expr.includes(',')) {
        throw new QuartzParseError(
          "Support for specifying 'L' and 'LW' with other days of the month is not implemented",
        );
      }
      if (field === DAY_OF_WEEK && expr.includes('L') && expr.length > 1 && expr.includes(',')) {
        throw new QuartzParseError(
          "Support for specifying 'L' with other days of the week is not implemented",
        );
      }
      if (
        field === DAY_OF_WEEK &&
        expr.indexOf('#') !== -1 &&
        expr.indexOf('#', expr.indexOf('#') + 1) !== -1
      ) {
        throw new QuartzParseError('Support for specifying multiple "nth" days is not implemented.');
      }
      for (const v of tokens(expr, ',')) b.item(v, field);
      field++;
    }
    reading = undefined;
    if (field <= DAY_OF_WEEK) throw new QuartzParseError('Unexpected end of expression.');
    if (field <= YEAR) b.item('*', YEAR);
    const domSpecified = !b.sets[DAY_OF_MONTH].has(NO_SPEC);
    const dowSpecified = !b.sets[DAY_OF_WEEK].has(NO_SPEC);
    if (domSpecified === dowSpecified) {
      throw new QuartzParseError(
        'Support for specifying both a day-of-week AND a day-of-month parameter is not implemented.',
      );
    }
  } catch (e) {
    if (e instanceof QuartzParseError) throw new QuartzParseError(e.message, reading);
    if (e instanceof JavaException)
      throw new QuartzParseError(`Illegal cron expression format (${e.toString()})`, reading);
    throw e;
  }
  return {
    sets: b.sets.map((s) => [...s].sort((x, y) => x - y)),
    lastDayOfWeek: b.lastDayOfWeek,
    nthDayOfWeek: b.nthDayOfWeek,
    lastDayOfMonth: b.lastDayOfMonth,
    nearestWeekday: b.nearestWeekday,
    lastDayOffset: b.lastDayOffset,
  };
}
