import { describe, expect, it } from 'vitest';
import { languageOf, tokenizeLine } from './tokenize';

const kinds = (line: string, lang: Parameters<typeof tokenizeLine>[1]) =>
  tokenizeLine(line, lang).map((t) => `${t.kind}:${t.text}`);

describe('tokenizeLine', () => {
  it('marks YAML keys, comments, strings and variables', () => {
    expect(kinds('  cron: "0 30 2 * * ? *"   # nightly', 'yaml')).toEqual([
      'plain:  ',
      'key:cron',
      'plain:: ',
      'string:"0 30 2 * * ? *"',
      'plain:   ',
      'comment:# nightly',
    ]);
    expect(kinds('  - name: sync_orders', 'yaml')).toEqual(['plain:  - ', 'key:name', 'plain:: sync_orders']);
    expect(kinds('path: orders_${cal_dt8}.csv', 'yaml')).toEqual([
      'key:path',
      'plain:: orders_',
      'variable:${cal_dt8}',
      'plain:.csv',
    ]);
  });

  it('does not treat # inside a word or string as a comment', () => {
    expect(kinds("url: a#b '#x'", 'yaml')).toEqual(['key:url', 'plain:: a#b ', "string:'#x'"]);
  });

  it('keeps the text intact', () => {
    const line = 'SELECT store, SUM(qty) FROM ods.orders WHERE dt = "${cal_dt}" -- daily';
    expect(
      tokenizeLine(line, 'sql')
        .map((t) => t.text)
        .join(''),
    ).toBe(line);
    expect(kinds(line, 'sql')).toContain('keyword:SELECT');
    expect(kinds(line, 'sql')).toContain('variable:${cal_dt}');
    expect(kinds(line, 'sql').at(-1)).toBe('comment:-- daily');
  });

  it('recognises python keywords and numbers', () => {
    expect(kinds('def main(): return 0', 'python')).toEqual([
      'keyword:def',
      'plain: main(): ',
      'keyword:return',
      'plain: ',
      'number:0',
    ]);
  });

  it('leaves plain text alone', () => {
    expect(kinds('a "b" # c', 'plain')).toEqual(['plain:a "b" # c']);
  });
});

describe('languageOf', () => {
  it('maps extensions', () => {
    expect(languageOf('w/x.workflow.yaml')).toBe('yaml');
    expect(languageOf('s/a.HQL')).toBe('sql');
    expect(languageOf('s/a.sh')).toBe('shell');
    expect(languageOf('data/a.csv')).toBe('plain');
  });
});
