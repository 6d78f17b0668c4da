import { describe, expect, it } from 'vitest';
import {
  CRON_UTILS,
  CronError,
  QUARTZ,
  nextFireInstants,
  nextFireTimes,
  parseCron,
} from '../../src/shared/cron';
import { formatInstant } from '../../src/shared/time/zone';
import { oracleLines } from './oracle-data';

/**
 * Every case recorded from the real engines (shared/oracles/cron: Quartz 2.3.2
 * `CronExpression.getTimeAfter`, cron-utils 9.1.6 `CronParser` + `ExecutionTime`) through our
 * code. DolphinScheduler accepts a cron when cron-utils accepts it (create/update check) and
 * Quartz accepts it (trigger build); it fires at Quartz's times.
 */
interface Case {
  line: number;
  mode: 'W' | 'Z';
  expr: string;
  zone: string;
  from: string;
  count: number;
  tag: string;
  quartz: [string, string];
  cronUtils: [string, string];
}

function loadCases(): Case[] {
  const cases = oracleLines('cron', 'cases.tsv.gz');
  const quartz = oracleLines('cron', 'quartz-2.3.2.out.gz');
  const utils = oracleLines('cron', 'cron-utils-9.1.6.out.gz');
  const split = (l: string): [string, string] => {
    const i = l.indexOf('\t');
    return i < 0 ? [l, ''] : [l.slice(0, i), l.slice(i + 1)];
  };
  return cases.map((l, i) => {
    const [mode, expr, zone, from, count, tag] = l.split('\t');
    return {
      line: i + 1,
      mode: mode as 'W' | 'Z',
      expr,
      zone,
      from,
      count: Number(count),
      tag,
      quartz: split(quartz[i]),
      cronUtils: split(utils[i]),
    };
  });
}

/** Quartz's `MAX_YEAR` when the answers were recorded (2026 + 100): `30W 2` fires in 2104 and not in 2132. */
const RECORDED_MAX_YEAR = 2126;

type Answer = { kind: 'refused'; engine: string; message: string } | { kind: 'fires'; times: string[] };

function ours(c: Case): Answer {
  let cron;
  try {
    cron = parseCron(c.expr, RECORDED_MAX_YEAR);
  } catch (e) {
    if (e instanceof CronError) return { kind: 'refused', engine: e.engine, message: e.engineMessage };
    throw e;
  }
  if (c.mode === 'W') return { kind: 'fires', times: nextFireTimes(cron, c.from, c.count, 'UTC') };
  const times = nextFireInstants(cron, Number(c.from) - 1000, c.count, c.zone).map(
    (t) => `${t}@${formatInstant(t, c.zone)}`,
  );
  return { kind: 'fires', times };
}

/** What DolphinScheduler does with the case, from the two engines' recorded answers. */
function expected(c: Case): Answer {
  const [q, qText] = c.quartz;
  const [u, uText] = c.cronUtils;
  if (u === 'ERR') return { kind: 'refused', engine: CRON_UTILS, message: uText };
  if (q === 'ERR') return { kind: 'refused', engine: QUARTZ, message: qText };
  if (q === 'OK') return { kind: 'fires', times: qText === '' ? [] : qText.split('|') };
  throw new Error(`case ${c.line}: Quartz ${q} with cron-utils ${u} is not a recorded combination`);
}

describe('cron agrees with Quartz 2.3.2 and cron-utils 9.1.6 on every recorded case (shared/oracles/cron)', () => {
  const cases = loadCases();

  it('has all 4,508 cases', () => {
    expect(cases).toHaveLength(4508);
  });

  it('answers every case as DolphinScheduler would: refusal message, or Quartz fire times (Europe/Berlin, New York, Shanghai, Lord Howe DST included)', () => {
    const mismatches: string[] = [];
    for (const c of cases) {
      const want = expected(c);
      const got = ours(c);
      if (JSON.stringify(got) !== JSON.stringify(want)) {
        mismatches.push(
          `#${c.line} [${c.tag}] ${c.mode} "${c.expr}" ${c.zone} ${c.from}\n  want ${JSON.stringify(want).slice(0, 300)}\n  got  ${JSON.stringify(got).slice(0, 300)}`,
        );
      }
    }
    expect(mismatches.slice(0, 20).join('\n'), `${mismatches.length} of ${cases.length} cases differ`).toBe(
      '',
    );
  });
});
