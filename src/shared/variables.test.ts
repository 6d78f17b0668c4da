import { describe, expect, it } from 'vitest';
import {
  businessDateOf,
  canaanhiveToken,
  listSystemVariables,
  parseCanaanhiveCommand,
  resolveParameters,
  resolveSystemVariable,
  substituteCanaanhive,
  substituteVariables,
  systemVariables,
  type VariableContext,
} from './variables';

const ctx: VariableContext = { triggerTime: '2017-05-27 13:50:00', utcOffsetMinutes: 480 };

describe('system variables (spec §3.4 table, trigger 2017-05-27 13:50:00)', () => {
  const v = systemVariables(ctx);
  it.each([
    ['cal_dt', '2017-05-26'],
    ['cal_dt8', '20170526'],
    ['ncal_dt', '2017-05-27'],
    ['ncal_dt8', '20170527'],
    ['last_week8', '20170520'],
    ['last_week10', '2017-05-20'],
    ['first_day_this_month8', '20170501'],
    ['first_day_this_month10', '2017-05-01'],
    ['end_day_this_month8', '20170531'],
    ['end_day_this_month10', '2017-05-31'],
    ['first_day_last_month8', '20170401'],
    ['first_day_last_month10', '2017-04-01'],
    ['last_day_last_month8', '20170430'],
    ['last_day_last_month10', '2017-04-30'],
    ['monday_next_week8', '20170529'],
    ['monday_next_week10', '2017-05-29'],
    ['30days_cal_dt', '2017-04-26'],
    ['this_hour', '2017-05-27 13:00:00'],
  ])('${%s} = %s', (name, expected) => {
    expect(v[name]).toBe(expected);
  });

  it('offsets cal_dt-n and cal_dt8-n from the business date', () => {
    expect(resolveSystemVariable('cal_dt-1', ctx)).toBe('2017-05-25');
    expect(resolveSystemVariable('cal_dt8-1', ctx)).toBe('20170525');
    expect(resolveSystemVariable('cal_dt-30', ctx)).toBe('2017-04-26');
    expect(resolveSystemVariable('bizdate', ctx)).toBeUndefined();
  });

  it('unix_timestamp of 2017-05-27 13:50:41 GMT+8 is 1495864241, whatever the host zone', () => {
    expect(
      systemVariables({ triggerTime: '2017-05-27 13:50:41', utcOffsetMinutes: 480 }).unix_timestamp,
    ).toBe('1495864241');
    expect(systemVariables({ triggerTime: '2017-05-27 05:50:41', utcOffsetMinutes: 0 }).unix_timestamp).toBe(
      '1495864241',
    );
  });

  it('hourly variables: business datetime 2017-05-26 00:30 gives hcal_dt8 20170525 and cal_hr 23', () => {
    const h = systemVariables({ triggerTime: '2017-05-27 00:30:00', utcOffsetMinutes: 480 });
    expect(h.hcal_dt8).toBe('20170525');
    expect(h.cal_hr).toBe('23');
  });

  it('monday_next_week is strictly after a Monday business date; month ends roll over', () => {
    const mon = systemVariables({ triggerTime: '2017-05-23 00:00:00', utcOffsetMinutes: 0 }); // BD Monday 22nd
    expect(mon.monday_next_week10).toBe('2017-05-29');
    const mar = systemVariables({ triggerTime: '2024-03-01 08:00:00', utcOffsetMinutes: 0 }); // BD 2024-02-29
    expect(mar.cal_dt).toBe('2024-02-29');
    expect(mar.end_day_this_month10).toBe('2024-02-29');
    expect(mar.first_day_last_month10).toBe('2024-01-01');
    expect(mar.last_day_last_month10).toBe('2024-01-31');
    const jan = systemVariables({ triggerTime: '2018-01-02 08:00:00', utcOffsetMinutes: 0 }); // BD 2018-01-01
    expect(jan.first_day_last_month8).toBe('20171201');
    expect(jan.last_day_last_month8).toBe('20171231');
  });

  it('businessDateOf subtracts one day (to process 2018-03-01, trigger on 2018-03-02)', () => {
    expect(businessDateOf('2018-03-02 00:00:00')).toBe('2018-03-01');
    expect(businessDateOf({ triggerTime: '2017-05-27 13:50:00', utcOffsetMinutes: 480 })).toBe('2017-05-26');
    expect(() => businessDateOf('2017-02-30 00:00:00')).toThrow(/not a real date/);
  });

  it('ids and env values come from the context and stay unresolved without it', () => {
    const full = {
      ...ctx,
      taskId: 't-1',
      instanceId: '2809-20170527135000',
      appCustomer: 'CLP',
      appId: 'a22b',
    };
    expect(
      substituteVariables('${task_id} ${instance_id} ${env.APP_CUSTOMER} ${env.APP_ID}', { context: full })
        .text,
    ).toBe('t-1 2809-20170527135000 CLP a22b');
    expect(substituteVariables('${instance_id}', { context: ctx }).unresolved).toEqual(['instance_id']);
  });

  it('lists every variable with an example for the reference trigger', () => {
    const list = listSystemVariables();
    expect(list).toHaveLength(27);
    expect(list.find((x) => x.name === '${cal_dt-n}')?.example).toBe('2017-05-25');
    expect(list.find((x) => x.name === '${monday_next_week8}')?.example).toBe('20170529');
    expect(list.every((x) => x.example !== '')).toBe(true);
  });
});

describe('parameter substitution', () => {
  it('task parameters override workflow parameters, and values may hold system variables', () => {
    const r = substituteVariables('python3 clean.py --date ${dt} --region ${region}', {
      context: ctx,
      workflowParameters: { dt: 'x', region: 'cn1' },
      taskParameters: { dt: '${cal_dt}' },
    });
    expect(r).toEqual({ text: 'python3 clean.py --date 2017-05-26 --region cn1', unresolved: [] });
  });

  it('leaves unknown placeholders as written and reports each once', () => {
    const r = substituteVariables('${bizdate}/${bizdate}/${cal_dt}', { context: ctx });
    expect(r.text).toBe('${bizdate}/${bizdate}/2017-05-26');
    expect(r.unresolved).toEqual(['bizdate']);
  });

  it('$${x} is an escape for a literal ${x}', () => {
    expect(substituteVariables('echo $${cal_dt} ${cal_dt}', { context: ctx }).text).toBe(
      'echo ${cal_dt} 2017-05-26',
    );
  });

  it('a parameter that refers to itself stays unresolved instead of looping', () => {
    const r = substituteVariables('${a}', { context: ctx, workflowParameters: { a: 'x${b}', b: '${a}' } });
    expect(r.unresolved).toContain('a');
  });

  it('resolveParameters gives the effective values', () => {
    const r = resolveParameters({
      context: ctx,
      workflowParameters: { p: 'dt=${cal_dt8}', q: '1' },
      taskParameters: { q: '2' },
    });
    expect(r.values).toEqual({ p: 'dt=20170526', q: '2' });
  });
});

describe('canaanhive -d tokens (spec §3.5, base 2018-01-01)', () => {
  const base = '2018-01-01';
  it.each([
    ['YYYYMMDD', '2018-01-01'],
    ['YYYYMMDD_P1D', '2017-12-31'],
    ['YYYYMMDD_P30D', '2017-12-02'],
    ['YYYYMMDD_P1M', '2017-12-01'],
    ['YYYYMMDD_P12M', '2017-01-01'],
    ['YYYYMMDD_P1Y', '2017-01-01'],
    ['YYYYMMDD_P2Y', '2016-01-01'],
    ['YYYYMMDD_N1D', '2018-01-02'],
    ['YYYYMMDD_N2D', '2018-01-03'],
    ['YYYYMMDD_N1M', '2018-02-01'],
    ['YYYYMMDD_N2M', '2018-03-01'],
    ['YYYYMMDD_N1Y', '2019-01-01'],
    ['YYYYMMDD_N2Y', '2020-01-01'],
    ['YYYYMM', '2018-01'],
    ['YYYYMM_P1M', '2017-12'],
    ['YYYYMM_N1Y', '2019-01'],
    ['YYYY', '2018'],
    ['YYYY_P1Y', '2017'],
    ['YYYY_N2Y', '2020'],
    ['MM', '01'],
    ['DD', '01'],
  ])('%s -> %s', (token, expected) => {
    expect(canaanhiveToken(token, base)).toBe(expected);
  });

  it('rejects offsets outside the documented ranges', () => {
    expect(canaanhiveToken('YYYYMMDD_P31D', base)).toBeUndefined();
    expect(canaanhiveToken('YYYYMMDD_N3D', base)).toBeUndefined();
    expect(canaanhiveToken('YYYY_P3Y', base)).toBeUndefined();
  });

  it('runs the worked example: canaanhive -f demo.sql -d 2018-01-01 -E DB=demo', () => {
    const args = parseCanaanhiveCommand('canaanhive -f demo.sql -d 2018-01-01 -E DB=demo');
    expect(args).toEqual({ file: 'demo.sql', date: '2018-01-01', env: { DB: 'demo' } });
    const r = substituteCanaanhive("use ${env.DB}; insert into demo values('${env.YYYYMMDD}'); ${env.NOPE}", {
      date: args!.date,
      env: args!.env,
    });
    expect(r.text).toBe("use demo; insert into demo values('2018-01-01'); ${env.NOPE}");
    expect(r.unresolved).toEqual(['env.NOPE']);
  });
});
