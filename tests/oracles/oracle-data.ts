import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';

/**
 * Answers recorded from the real engines (Quartz, cron-utils) and tables read from the
 * DolphinScheduler controllers, kept beside the project in `../shared/oracles` (never copied in).
 * `BDP_ORACLES` points elsewhere. A missing folder fails the test that needs it, loudly.
 */
export function oraclePath(...parts: string[]): string {
  const dir = process.env.BDP_ORACLES ?? resolve(__dirname, '../../../shared/oracles');
  if (!existsSync(dir)) {
    throw new Error(
      `oracle data not found at ${dir}: these tests compare with answers recorded from the real engines; set BDP_ORACLES to their folder`,
    );
  }
  return join(dir, ...parts);
}

/** The lines of a text file of the oracle folder, gunzipped when it ends in `.gz`. */
export function oracleLines(...parts: string[]): string[] {
  const path = oraclePath(...parts);
  const raw = readFileSync(path);
  const text = (path.endsWith('.gz') ? gunzipSync(raw) : raw).toString('utf8');
  return text.split('\n').filter((l) => l !== '');
}

export function oracleJson<T>(...parts: string[]): T {
  return JSON.parse(readFileSync(oraclePath(...parts), 'utf8')) as T;
}
