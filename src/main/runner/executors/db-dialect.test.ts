import { describe, expect, it } from 'vitest';
import {
  clearTableSql,
  createTableSql,
  insertBatchRows,
  insertSql,
  qualifiedTable,
  selectSql,
} from './db-dialect';

describe('db dialect', () => {
  it('quotes tables per database and applies the PostgreSQL default schema', () => {
    expect(qualifiedTable('POSTGRESQL', 'orders', 'sales').sql).toBe('"sales"."orders"');
    expect(qualifiedTable('MYSQL', 'shop.orders').sql).toBe('`shop`.`orders`');
    expect(() => qualifiedTable('MYSQL', 'a.b.c')).toThrow(/invalid table name/);
    expect(selectSql('MYSQL', 'orders', 'WHERE id > 3', undefined, 20)).toBe(
      'SELECT * FROM `orders` WHERE id > 3 LIMIT 20',
    );
  });

  it("builds multi-row inserts with each driver's placeholders", () => {
    expect(insertSql('POSTGRESQL', '"t"', ['a', 'b'], 2)).toBe(
      'INSERT INTO "t" ("a", "b") VALUES ($1, $2), ($3, $4)',
    );
    expect(insertSql('MYSQL', '`t`', ['a'], 2)).toBe('INSERT INTO `t` (`a`) VALUES (?), (?)');
    expect(insertBatchRows(100) * 100).toBeLessThan(65_535);
  });

  it('overwrite stays inside the transaction: TRUNCATE on PostgreSQL, DELETE on MySQL', () => {
    expect(clearTableSql('POSTGRESQL', '"t"')).toBe('TRUNCATE TABLE "t"');
    expect(clearTableSql('MYSQL', '`t`')).toBe('DELETE FROM `t`');
    expect(
      createTableSql('MYSQL', '`t`', [
        { name: 'p', duckType: 'DECIMAL(10,2)' },
        { name: 'ts', duckType: 'TIMESTAMP' },
      ]),
    ).toBe('CREATE TABLE `t` (`p` DECIMAL(10,2), `ts` DATETIME(6))');
  });
});
