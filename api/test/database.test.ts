import { Database } from '../src/database/database';
import { startTestApp, TestApp } from './support/test-app';

describe('the statements the repositories run', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('with parameters: prepared once per connection and reused; without: unnamed, several commands allowed', async () => {
    const db = t.app.get(Database);
    const sql = db.system('test: what the connection has prepared');
    const prepared = () =>
      sql.rows<{ name: string; calls: number }>(
        `SELECT name FROM pg_prepared_statements WHERE statement LIKE '%AS probe_value%' AND statement NOT LIKE '%pg_prepared_statements%'`,
      );
    await db.transaction(async () => {
      // one transaction: every statement below runs on the same pooled connection
      expect(await sql.rows('SELECT :n::int + 1 AS probe_value', { n: 1 })).toEqual([{ probe_value: 2 }]);
      const first = await prepared();
      expect(first).toHaveLength(1);
      expect(first[0]!.name).toMatch(/^k[\w-]{27}$/);
      expect(await sql.rows('SELECT :n::int + 1 AS probe_value', { n: 41 })).toEqual([{ probe_value: 42 }]);
      expect(await prepared()).toEqual(first);
      expect(await sql.count('SELECT 1 AS probe_value; SELECT 2 AS probe_value')).toBe(1);
      expect(await prepared()).toEqual(first);
    });
  });

  it('a failing prepared statement is an error with its SQLSTATE, and the next call on the connection works', async () => {
    const sql = t.app.get(Database).system('test: errors');
    await expect(sql.rows('SELECT :v::uuid AS probe_uuid', { v: 'not-a-uuid' })).rejects.toMatchObject({
      driverError: expect.objectContaining({ code: '22P02' }),
    });
    expect(await sql.rows('SELECT :v::uuid AS probe_uuid', { v: '00000000-0000-4000-8000-000000000000' })).toEqual([
      { probe_uuid: '00000000-0000-4000-8000-000000000000' },
    ]);
  });
});
