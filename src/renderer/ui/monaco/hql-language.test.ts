import { describe, expect, it } from 'vitest';
import { HQL_FUNCTIONS, HQL_KEYWORDS, HQL_TYPES, HQL_VARIABLE, hqlLanguage } from './hql-language';

describe('HQL language', () => {
  it('knows the Hive words SQL lacks', () => {
    for (const k of [
      'partition',
      'overwrite',
      'lateral',
      'view',
      'stored',
      'tblproperties',
      'partitioned',
      'msck',
      'serde',
    ])
      expect(HQL_KEYWORDS).toContain(k);
    for (const f of ['explode', 'posexplode', 'collect_set', 'get_json_object'])
      expect(HQL_FUNCTIONS).toContain(f);
    for (const t of ['orc', 'parquet', 'string']) expect(HQL_TYPES).toContain(t);
    expect(hqlLanguage.ignoreCase).toBe(true);
  });

  it('matches ${...} substitutions, including env. and hivevar:', () => {
    for (const v of ['${env.TARGET_DB}', '${cal_dt}', '${hivevar:x}'])
      expect(HQL_VARIABLE.exec(`a ${v} b`)?.[0]).toBe(v);
    expect(HQL_VARIABLE.test('${ not closed')).toBe(false);
  });

  it('tokenizes SET hive.* as keyword + property', () => {
    const rule = (hqlLanguage.tokenizer.root as unknown[]).find(
      (r) => Array.isArray(r) && String(r[0]).includes('set'),
    ) as [RegExp, string[]];
    const m = rule[0].exec('SET hive.exec.dynamic.partition.mode=nonstrict;'.toLowerCase());
    expect(m?.[3]).toBe('hive.exec.dynamic.partition.mode');
    expect(rule[1]).toEqual(['keyword', 'white', 'variable.predefined']);
  });
});
