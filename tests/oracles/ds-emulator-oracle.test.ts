import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { wireParam, wirePath, type DsApiVersion } from '../../src/main/sync/dolphinscheduler/api-version';
import { ROUTES, startDsEmulator, type DsEmulator } from '../../src/main/emulators/dolphinscheduler/server';
import { DEMO_TOKEN } from '../../src/main/emulators/dolphinscheduler/state';
import { STATUS, statusOf, type StatusName } from '../../src/main/emulators/dolphinscheduler/status';
import { oracleJson } from './oracle-data';

/**
 * The DolphinScheduler emulator against the tables read from the real controllers
 * (shared/oracles/dolphinscheduler: every v1 handler of 3.2.2 and dev with its HTTP method, path,
 * `@ResponseStatus`, `@ApiException` and parameters; the `Status` enum of both).
 */
interface Endpoint {
  controller: string;
  handler: string;
  method: string;
  path: string;
  status: string;
  apiException: string | null;
  params: { name: string; in: string; required: boolean }[];
}
interface StatusRow {
  name: string;
  code: number;
  en: string;
}

const LINES: Array<{ profile: DsApiVersion; tag: string }> = [
  { profile: '3.2', tag: '3.2.2' },
  { profile: '3.3', tag: 'dev' },
];

describe.each(LINES)(
  'DS emulator $profile profile vs the $tag controllers (api/controller/*Controller.java)',
  ({ profile, tag }) => {
    const endpoints = oracleJson<Endpoint[]>('dolphinscheduler', `endpoints-${tag}.json`);
    const statuses = oracleJson<StatusRow[]>('dolphinscheduler', `status-${tag}.json`);
    const byName = new Map(statuses.map((s) => [s.name, s]));
    const served = ROUTES.filter((r) => !r.only || r.only === profile);

    it('serves only paths the controllers have, with their @ResponseStatus and @ApiException code', () => {
      const wrong: string[] = [];
      for (const r of served) {
        const path = wirePath(profile, r.path);
        const e = endpoints.find((x) => x.method === r.method && x.path === path);
        if (!e) {
          wrong.push(`${r.method} ${path}: no such handler in ${tag}`);
          continue;
        }
        const where = `${r.method} ${path} (${e.controller}.${e.handler})`;
        if ((e.status === 'CREATED') !== !!r.created) wrong.push(`${where}: @ResponseStatus ${e.status}`);
        const fallback = statusOf(r.fallback, profile);
        const annotated = e.apiException ? byName.get(e.apiException) : undefined;
        if (fallback.name !== e.apiException || fallback.code !== annotated?.code) {
          wrong.push(
            `${where}: @ApiException ${e.apiException} (${annotated?.code}), emulator ${fallback.name} (${fallback.code})`,
          );
        }
        const required = e.params
          .filter((p) => p.required && p.in !== 'path')
          .map((p) => p.name)
          .sort();
        const ours = ((profile === '3.3' && r.requiredDev) || r.required || [])
          .map((n) => wireParam(profile, n))
          .sort();
        if (JSON.stringify(required) !== JSON.stringify(ours))
          wrong.push(`${where}: required ${required.join(',')}, emulator ${ours.join(',')}`);
      }
      expect(wrong).toEqual([]);
    });

    it('leaves out handlers the line does not have (dev removed resources/verify-name and query-file-name)', () => {
      for (const r of ROUTES.filter((x) => x.only && x.only !== profile)) {
        expect(endpoints.some((x) => x.method === r.method && x.path === wirePath(profile, r.path))).toBe(
          false,
        );
      }
    });

    it('answers with the Status names, codes and English templates of the line (api/enums/Status.java)', () => {
      const wrong: string[] = [];
      for (const name of Object.keys(STATUS) as StatusName[]) {
        const ours = statusOf(name, profile);
        const real = byName.get(ours.name);
        if (!real) wrong.push(`${ours.name}: not in ${tag}`);
        else if (real.code !== ours.code || real.en !== ours.template)
          wrong.push(
            `${ours.name}: ${tag} has ${real.code} "${real.en}", emulator ${ours.code} "${ours.template}"`,
          );
      }
      expect(wrong).toEqual([]);
    });

    describe('over HTTP', () => {
      let emulator: DsEmulator;
      beforeAll(async () => {
        emulator = await startDsEmulator({ profile });
      });
      afterAll(() => emulator.close());

      it('a missing required parameter answers HTTP 200 with the @ApiException status, before the method runs (ApiExceptionHandler)', async () => {
        for (const r of served.filter((x) => (x.required ?? []).length > 0)) {
          const path = wirePath(profile, r.path)
            .replace('{projectCode}', '999')
            .replace(/\{\w+\}/g, '1');
          const res = await fetch(`${emulator.url}${path}`, {
            method: r.method,
            headers: { token: DEMO_TOKEN },
          });
          const e = endpoints.find((x) => x.method === r.method && x.path === wirePath(profile, r.path))!;
          const want = byName.get(e.apiException!)!;
          expect(res.status, `${r.method} ${path}`).toBe(200);
          expect(await res.json(), `${r.method} ${path}`).toMatchObject({
            code: want.code,
            msg: want.en,
            success: false,
            failed: true,
          });
        }
      });
    });
  },
);
