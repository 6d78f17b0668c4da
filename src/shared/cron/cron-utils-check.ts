/**
 * Whether cron-utils 9.1.6 with its QUARTZ definition accepts an expression, and its message when
 * it does not. DolphinScheduler checks every schedule's crontab with it on create and update
 * (`CronUtils.isValidExpression`), before Quartz ever sees it, so a cron DolphinScheduler accepts
 * is one both engines accept. Follows `CronParser.parse`, `FieldParser` and
 * `ValidationFieldExpressionVisitor` rule by rule; our own code.
 */

type Value = { kind: 'int'; n: number } | { kind: 'special'; name: string };

type Expr =
  | { kind: 'always' }
  | { kind: 'question' }
  | { kind: 'on'; time: number; special: 'NONE' | 'L' | 'LW' | 'W' | 'HASH'; nth: number }
  | { kind: 'between'; from: Value; to: Value }
  | { kind: 'every'; of: Expr; period: number }
  | { kind: 'and'; items: Expr[] };

interface FieldDef {
  min: number;
  max: number;
  names?: Record<string, number>;
  specials: Array<'L' | 'W' | 'LW' | 'HASH' | 'QUESTION_MARK'>;
  strictRange?: boolean;
}

const MONTHS: Record<string, number> = Object.fromEntries(
  ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'].map((m, i) => [
    m,
    i + 1,
  ]),
);
const DAYS: Record<string, number> = Object.fromEntries(
  ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'].map((d, i) => [d, i + 1]),
);

const FIELDS: FieldDef[] = [
  { min: 0, max: 59, specials: [] },
  { min: 0, max: 59, specials: [] },
  { min: 0, max: 23, specials: [] },
  { min: 1, max: 31, specials: ['L', 'W', 'LW', 'QUESTION_MARK'] },
  { min: 1, max: 12, names: MONTHS, specials: [] },
  { min: 1, max: 7, names: DAYS, specials: ['HASH', 'L', 'QUESTION_MARK'] },
  { min: 1970, max: 2099, specials: [], strictRange: true },
];

class Refusal extends Error {}
/** cron-utils throws something other than its parse error (it then refuses too, but says nothing useful). */
class Crash extends Refusal {}

/** Java's `String.split` with a literal separator: trailing empty strings dropped. */
function javaSplit(s: string, sep: string): string[] {
  if (!s.includes(sep)) return [s];
  const parts = s.split(sep);
  while (parts.length > 0 && parts[parts.length - 1] === '') parts.pop();
  return parts;
}

function isJavaInt(s: string): boolean {
  if (!/^[+-]?\d+$/.test(s)) return false;
  const n = Number(s);
  return n <= 2147483647 && n >= -2147483648;
}

/** The characters cron-utils does not know in `text` (its `StringValidations.removeValidChars`). */
function invalidChars(text: string, def: FieldDef): string {
  let rest = text.toUpperCase().replace(/[#?/*0-9]/g, '');
  const words = Object.keys(def.names ?? {});
  if (words.length > 0) rest = rest.replace(new RegExp(`\\b(${words.join('|')})\\b`, 'g'), '');
  const lw = (['L', 'LW', 'W'] as const).filter((s) => def.specials.includes(s));
  if (lw.length > 0) rest = rest.replace(new RegExp(`\\b(${lw.join('|')})\\b`, 'g'), '');
  return rest.replace(/\s+/g, '').replace(/,/g, '').replace(/-/g, '');
}

function toInt(text: string, def: FieldDef): number {
  const named = def.names?.[text];
  if (named !== undefined) return named;
  if (isJavaInt(text)) return Number(text);
  throw new Refusal(
    `Invalid chars in expression! Expression: ${text} Invalid chars: ${invalidChars(text, def)}`,
  );
}

function javaInt(text: string): number {
  if (!isJavaInt(text)) throw new Refusal(`For input string: "${text}"`);
  return Number(text);
}

function valueOf(text: string, def: FieldDef): Value {
  if (['L', 'LW', 'W', 'HASH', 'QUESTION_MARK', 'NONE'].includes(text))
    return { kind: 'special', name: text };
  return { kind: 'int', n: toInt(text, def) };
}

/** `FieldParser.parse` */
function parseField(text: string, def: FieldDef): Expr {
  if (!/[/,-]/.test(text)) {
    if (text.includes('?') && !def.specials.includes('QUESTION_MARK'))
      throw new Refusal(`Invalid expression: ${text}`);
    if (text === '*') return { kind: 'always' };
    if (text === '?') return { kind: 'question' };
    return parseOn(text, def);
  }
  const items = javaSplit(text, ',');
  if (items.length > 1) return { kind: 'and', items: items.map((i) => parseField(i, def)) };
  const range = javaSplit(text, '-');
  if (text.includes('-') && range.length !== 2) throw new Refusal(`Missing values for range: ${text}`);
  if (range[0] === 'L') return { kind: 'on', time: -1, special: 'L', nth: toInt(range[1], def) };
  if (range.length > 1) {
    if (range[0] === '' || range[1] === '') {
      throw new Refusal(
        `Invalid expression! Expression: ${range[0]}-${range[1]} does not describe a range. Negative numbers are not allowed.`,
      );
    }
    if (range[1].includes('/')) {
      const [to, step] = range[1].split('/');
      return {
        kind: 'every',
        of: { kind: 'between', from: valueOf(range[0], def), to: valueOf(to, def) },
        period: toInt(step ?? '', def),
      };
    }
    return { kind: 'between', from: valueOf(range[0], def), to: valueOf(range[1], def) };
  }
  const slash = javaSplit(text, '/');
  if (slash.length === 1) throw new Refusal(`Missing steps for expression: ${text}`);
  if (slash.length !== 2) throw new Refusal(`Invalid expression: ${text}`);
  const [start, step] = slash;
  if (start.trim() === '*' && step === '1') return { kind: 'always' };
  if (start.trim() === '*' || start.trim() === '')
    return { kind: 'every', of: { kind: 'always' }, period: javaInt(step) };
  return {
    kind: 'every',
    of: { kind: 'on', time: toInt(start, def), special: 'NONE', nth: -1 },
    period: javaInt(step),
  };
}

function parseOn(text: string, def: FieldDef): Expr {
  if (text.includes('#')) {
    if (!def.specials.includes('HASH')) throw new Refusal(`Invalid expression: ${text}`);
    const parts = javaSplit(text, '#');
    if (parts.length < 2)
      throw new Crash('ArrayIndexOutOfBoundsException: Index 1 out of bounds for length 1');
    const nth = toInt(parts[1], def);
    if (parts[0] === '') throw new Refusal('Time should be specified!');
    return { kind: 'on', time: toInt(parts[0], def), special: 'HASH', nth };
  }
  if (text.includes('LW')) {
    const rest = text.replaceAll('LW', '');
    if (rest !== '') throw new Refusal(`Expected: LW, found: ${rest}`);
    return { kind: 'on', time: -1, special: 'LW', nth: -1 };
  }
  if (/[0-9]L/.test(text) || text === 'L') {
    const rest = text.replaceAll('L', '');
    return { kind: 'on', time: rest === '' ? -1 : toInt(rest, def), special: 'L', nth: -1 };
  }
  if (/[0-9]W/.test(text))
    return { kind: 'on', time: toInt(text.replaceAll('W', ''), def), special: 'W', nth: -1 };
  return { kind: 'on', time: toInt(text, def), special: 'NONE', nth: -1 };
}

function show(v: Value): string {
  return v.kind === 'int' ? String(v.n) : v.name;
}

function asString(e: Expr): string {
  switch (e.kind) {
    case 'always':
      return '*';
    case 'question':
      return '?';
    case 'between':
      return `${show(e.from)}-${show(e.to)}`;
    case 'every': {
      const inner = asString(e.of);
      return inner === '*' && e.period === 1 ? inner : `${inner}/${e.period}`;
    }
    case 'and':
      return e.items.map(asString).join(',');
    case 'on':
      if (e.special === 'NONE') return String(e.time);
      if (e.special === 'HASH') return `${e.time}#${e.nth}`;
      if (e.special === 'W') return e.time === -1 ? 'W' : `${e.time}W`;
      if (e.special === 'L') return e.time === -1 ? `L${e.nth === -1 ? '' : `-${e.nth}`}` : `${e.time}L`;
      return e.special;
  }
}

/** `ValidationFieldExpressionVisitor` */
function validate(e: Expr, def: FieldDef): void {
  const text = asString(e);
  const bad = invalidChars(text, def);
  if (bad !== '') throw new Refusal(`Invalid chars in expression! Expression: ${text} Invalid chars: ${bad}`);
  const inRange = (n: number): void => {
    if (n < def.min || n > def.max) throw new Refusal(`Value ${n} not in range [${def.min}, ${def.max}]`);
  };
  switch (e.kind) {
    case 'and':
      e.items.forEach((i) => validate(i, def));
      return;
    case 'between':
      for (const v of [e.from, e.to]) if (v.kind === 'int') inRange(v.n);
      if ([e.from, e.to].some((v) => v.kind === 'special' && v.name !== 'L'))
        throw new Refusal("No special characters allowed in range, except for 'L'");
      if (def.strictRange && e.from.kind === 'int' && e.to.kind === 'int' && e.from.n > e.to.n) {
        throw new Refusal(`Invalid range! [${e.from.n},${e.to.n}]`);
      }
      return;
    case 'every':
      validate(e.of, def);
      if (!(e.period > 0 && e.period <= def.max - def.min + 1 && e.period <= def.max)) {
        throw new Refusal(`Period ${e.period} not in range [${def.min}, ${def.max}]`);
      }
      return;
    case 'on':
      if (e.time !== -1) inRange(e.time);
      if (e.nth !== -1) inRange(e.nth);
      return;
    default:
      return;
  }
}

export interface CronUtilsRefusal {
  message: string;
  /** Index of the field (0 = seconds) the refusal is about, when it is about one. */
  field?: number;
  /** cron-utils threw an unexpected exception rather than refusing with a message. */
  crashed: boolean;
}

/** cron-utils' refusal of an expression, or null when it accepts it. */
export function cronUtilsRefusal(expression: string): CronUtilsRefusal | null {
  const refuse = (message: string): CronUtilsRefusal => ({ message, crashed: false });
  const normalized = expression.replace(/[ \t\n\v\f\r]+/g, ' ').trim();
  if (normalized === '') return refuse('Empty expression!');
  const parts = normalized.toUpperCase().split(' ');
  const trailing = parts.find((p) => p.endsWith(','));
  if (trailing !== undefined)
    return refuse(`Invalid field value! Trailing commas not permitted! '${trailing}'`);
  if (parts.length !== 6 && parts.length !== 7)
    return refuse(`Cron expression contains ${parts.length} parts but we expect one of [6, 7]`);
  let field: number | undefined;
  try {
    const exprs = parts.map((p, i) => {
      field = i;
      let text = p;
      if (i === 5 && text.endsWith('L')) {
        const day = DAYS[text.slice(0, -1)];
        if (day !== undefined) text = `${day}L`;
      }
      return parseField(text, FIELDS[i]);
    });
    exprs.forEach((e, i) => {
      field = i;
      validate(e, FIELDS[i]);
    });
    field = undefined;
    const domQ = exprs[3].kind === 'question';
    const dowQ = exprs[5].kind === 'question';
    if (domQ === dowQ) {
      throw new Refusal(
        `Invalid cron expression: ${exprs.map(asString).join(' ')}. Both, a day-of-week AND a day-of-month parameter, are not supported.`,
      );
    }
    return null;
  } catch (e) {
    if (e instanceof Crash) return { message: e.message, crashed: true, field };
    if (e instanceof Refusal) return { ...refuse(`Failed to parse cron expression. ${e.message}`), field };
    throw e;
  }
}
