import { CronError, fireTimesWithDates, parseCron, skippedByDst } from '../../shared/cron';
import { formatInstant, hostZone, instantOfWallText, isValidZone, offsetAt } from '../../shared/time/zone';

export interface ScheduleOptions {
  tz?: string;
  from?: string;
  count?: string;
  json?: boolean;
}

function offsetLabel(instant: number, zone: string): string {
  const minutes = Math.round(offsetAt(instant, zone) / 60_000);
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

/**
 * `bdp schedule <cron>`: the next fire times (at or after --from) of a Quartz cron in a zone, with
 * the business date each processes, and the wall times a DST gap swallows. Exit 2 when the cron is
 * refused (with the refusing engine's words) or an option is malformed.
 */
export function scheduleCommand(expression: string | undefined, opts: ScheduleOptions): number {
  const fail = (message: string): number => {
    process.stderr.write(`bdp schedule: ${message}\n`);
    return 2;
  };
  if (!expression)
    return fail('give a cron expression, e.g. bdp schedule "0 30 2 * * ? *" --tz Asia/Shanghai');
  const zone = opts.tz ?? hostZone();
  if (!isValidZone(zone))
    return fail(`unknown time zone "${zone}" (use an IANA name such as Europe/Berlin, or GMT+8)`);
  const count = opts.count === undefined ? 5 : Number(opts.count);
  if (!Number.isInteger(count) || count < 1 || count > 1000)
    return fail(`--count must be a whole number from 1 to 1000, got "${opts.count}"`);
  const start = opts.from === undefined ? Date.now() : instantOfWallText(opts.from, zone);
  if (start === undefined) return fail(`--from must be "YYYY-MM-DD[ HH:mm[:ss]]", got "${opts.from}"`);
  let cron;
  try {
    cron = parseCron(expression);
  } catch (e) {
    if (!(e instanceof CronError)) throw e;
    if (opts.json)
      process.stdout.write(
        JSON.stringify(
          { cron: expression, valid: false, engine: e.engine, error: e.engineMessage },
          null,
          2,
        ) + '\n',
      );
    return fail(`invalid cron "${expression}": ${e.message}`);
  }
  const times = fireTimesWithDates(cron, Math.floor(start / 1000) * 1000 - 1000, count, zone);
  const last = times.at(-1);
  const skipped = last ? skippedByDst(cron, formatInstant(start, zone), last.wall, zone) : [];
  if (opts.json) {
    const fireTimes = times.map((t) => ({
      time: t.wall,
      offset: offsetLabel(t.instant, zone),
      instant: new Date(t.instant).toISOString(),
      businessDate: t.businessDate,
    }));
    process.stdout.write(
      JSON.stringify({ cron: expression, valid: true, zone, fireTimes, skippedByDst: skipped }, null, 2) +
        '\n',
    );
    return 0;
  }
  process.stdout.write(`${expression}  (${zone})\n`);
  if (times.length === 0) process.stdout.write('  never fires after that time\n');
  for (const t of times)
    process.stdout.write(`  ${t.wall} ${offsetLabel(t.instant, zone)}  business date ${t.businessDate}\n`);
  for (const s of skipped)
    process.stdout.write(`  ${s} does not exist in ${zone} (DST gap): Quartz skips it that day\n`);
  return 0;
}
