import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SearchQuery } from '../../../shared/contract';
import { findInFiles, replaceInFiles } from './find-in-files';
import { globMatcher } from './globs';

let root: string;
const q = (pattern: string, more: Partial<SearchQuery> = {}): SearchQuery => ({
  pattern,
  isRegex: false,
  matchCase: false,
  wholeWord: false,
  include: '',
  exclude: '',
  ...more,
});

async function write(rel: string, content: string | Buffer): Promise<void> {
  await fs.mkdir(path.dirname(path.join(root, rel)), { recursive: true });
  await fs.writeFile(path.join(root, rel), content);
}

beforeEach(async () => {
  root = await fs.mkdtemp(path.join(os.tmpdir(), 'bdp-search-'));
  await write(
    'scripts/a.sql',
    'select * from dwd.orders;\nINSERT INTO ads.kpi SELECT order_id FROM dwd.orders_daily;\n',
  );
  await write('scripts/b.py', 'orders = 1\r\nprint(orders)  # Orders\r\n');
  await write('workflows/daily.workflow.yaml', 'name: daily\ntasks:\n  - name: orders\n');
  await write('.git/config', 'orders');
  await write('node_modules/x/orders.js', 'orders');
  await write('data/blob.bin', Buffer.from([0x6f, 0x72, 0x64, 0x00, 0x6f, 0x72, 0x64, 0x65, 0x72, 0x73]));
  await write('data/latin1.txt', Buffer.from([0x6f, 0x72, 0x64, 0x65, 0x72, 0x73, 0xe9]));
});

afterEach(async () => {
  await fs.rm(root, { recursive: true, force: true });
});

describe('findInFiles', () => {
  it('finds text case-insensitively by default, in sorted files, skipping .git, node_modules and binary files', async () => {
    const result = await findInFiles(root, q('orders'));
    expect(result.files.map((f) => f.path)).toEqual([
      'scripts/a.sql',
      'scripts/b.py',
      'workflows/daily.workflow.yaml',
    ]);
    expect(result.files[0].matches).toEqual([
      { line: 1, column: 19, length: 6, preview: 'select * from dwd.orders;', previewColumn: 18 },
      {
        line: 2,
        column: 46,
        length: 6,
        preview: 'INSERT INTO ads.kpi SELECT order_id FROM dwd.orders_daily;',
        previewColumn: 45,
      },
    ]);
    // CRLF: the preview has no \r, columns count from the line start.
    expect(result.files[1].matches.map((m) => [m.line, m.column, m.preview])).toEqual([
      [1, 1, 'orders = 1'],
      [2, 7, 'print(orders)  # Orders'],
      [2, 18, 'print(orders)  # Orders'],
    ]);
    expect(result.matchCount).toBe(6);
    expect(result.skippedFiles).toBe(2);
  });

  it('honours match case, whole word and regular expressions', async () => {
    expect((await findInFiles(root, q('Orders', { matchCase: true }))).matchCount).toBe(1);
    const whole = await findInFiles(root, q('orders', { wholeWord: true, include: '*.sql' }));
    expect(whole.files[0].matches.map((m) => m.line)).toEqual([1]);
    const regex = await findInFiles(root, q('(dwd|ads)\\.\\w+', { isRegex: true }));
    expect(
      regex.files.flatMap((f) => f.matches.map((m) => m.preview.substr(m.previewColumn, m.length))),
    ).toEqual(['dwd.orders', 'ads.kpi', 'dwd.orders_daily']);
    // Special characters are literal when the query is not a regular expression.
    expect((await findInFiles(root, q('*.orders', { isRegex: false }))).matchCount).toBe(0);
    expect((await findInFiles(root, q('from dwd.', {}))).matchCount).toBe(2);
  });

  it('filters by include and exclude globs', async () => {
    const paths = async (include: string, exclude = '') =>
      (await findInFiles(root, q('orders', { include, exclude }))).files.map((f) => f.path);
    expect(await paths('*.py')).toEqual(['scripts/b.py']);
    expect(await paths('scripts')).toEqual(['scripts/a.sql', 'scripts/b.py']);
    expect(await paths('workflows/**, *.sql')).toEqual(['scripts/a.sql', 'workflows/daily.workflow.yaml']);
    expect(await paths('', 'scripts/')).toEqual(['workflows/daily.workflow.yaml']);
    expect(await paths('*.{py,yaml}')).toEqual(['scripts/b.py', 'workflows/daily.workflow.yaml']);
  });

  it('says what is wrong with a bad regular expression', async () => {
    expect(() => findInFiles(root, q('(unclosed', { isRegex: true }))).toThrow(
      expect.objectContaining({
        code: 'INVALID_ARGUMENT',
        message: expect.stringContaining('not a valid regular expression'),
      }),
    );
  });

  it('replaces literally, or with $1 groups for regular expressions, only in the files asked', async () => {
    const literal = await replaceInFiles(root, {
      ...q('dwd.orders'),
      replacement: '$1.x',
      paths: ['scripts/a.sql', 'scripts/b.py'],
    });
    expect(literal).toEqual([
      {
        path: 'scripts/a.sql',
        count: 2,
        text: 'select * from $1.x;\nINSERT INTO ads.kpi SELECT order_id FROM $1.x_daily;\n',
      },
    ]);
    const grouped = await replaceInFiles(root, {
      ...q('(\\w+)\\.orders\\b', { isRegex: true }),
      replacement: '$1.sales /* $& */',
      paths: ['scripts/a.sql'],
    });
    expect(grouped[0].text.split('\n')[0]).toBe('select * from dwd.sales /* dwd.orders */;');
    expect(grouped[0].count).toBe(1);
    await expect(
      replaceInFiles(root, { ...q('x'), replacement: 'y', paths: ['../outside.txt'] }),
    ).rejects.toMatchObject({ code: 'OUTSIDE_WORKSPACE' });
  });
});

describe('globMatcher', () => {
  it('reads globs as VS Code does', () => {
    const m = globMatcher('*.sql, scripts/etl/**, /bdp.yaml, data/??.csv, [ab].txt')!;
    expect(['x.sql', 'a/b/x.sql', 'scripts/etl/q/x.py', 'bdp.yaml', 'data/01.csv', 'b.txt'].map(m)).toEqual([
      true,
      true,
      true,
      true,
      true,
      true,
    ]);
    expect(['x.sqlx', 'scripts/x.py', 'sub/bdp.yaml', 'data/001.csv', 'c.txt'].map(m)).toEqual([
      false,
      false,
      false,
      false,
      false,
    ]);
    expect(globMatcher('  ')).toBeUndefined();
  });
});
