import { describe, expect, it } from 'vitest';
import type { Environment } from '../../../shared/model';
import { dsEnvironmentOptions } from './environment';

const env = (options: Record<string, string | number>): Environment =>
  ({
    name: 'ds',
    kind: 'dolphinscheduler',
    url: 'http://ds:12345/dolphinscheduler',
    options: { project: 'p', ...options },
  }) as Environment;

describe('DolphinScheduler environment options', () => {
  it('defaults to auto-detecting the API line and leaves the zones to the server and workspace', () => {
    expect(dsEnvironmentOptions(env({}))).toMatchObject({
      apiVersion: 'auto',
      serverTimeZone: undefined,
      timezoneId: undefined,
    });
  });

  it('reads the API line and the zones, and names a bad value', () => {
    expect(
      dsEnvironmentOptions(
        env({ apiVersion: '3.3', serverTimeZone: 'Asia/Shanghai', timezoneId: 'Europe/Berlin' }),
      ),
    ).toMatchObject({ apiVersion: '3.3', serverTimeZone: 'Asia/Shanghai', timezoneId: 'Europe/Berlin' });
    expect(dsEnvironmentOptions(env({ apiVersion: 3.3 })).apiVersion).toBe('3.3');
    expect(() => dsEnvironmentOptions(env({ apiVersion: '3.4' }))).toThrow(
      /apiVersion must be auto, 3.2 or 3.3/,
    );
    expect(() => dsEnvironmentOptions(env({ timezoneId: 'Mars/Olympus' }))).toThrow(
      /timezoneId "Mars\/Olympus" is not an IANA/,
    );
  });
});
