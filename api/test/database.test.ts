import { Database, prepared } from '../src/database/database';
import { startTestApp, TestApp } from './support/test-app';

describe('the statements the repositories run', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('a statement marked prepared is parsed once per connection and reused; others stay unnamed', async () => {
    const db = t.app.get(Database);
    const sql = db.system('test: what the connection has prepared');
    const PROBE = prepared('SELECT :n::int + 1 AS probe_value');
    const preparedProbes = () =>
      sql.rows<{ name: string; statement: string }>(
        `SELECT name, statement FROM pg_prepared_statements WHERE statement LIKE '%AS probe_%' AND statement NOT LIKE '%pg_prepared_statements%'`,
      );
    await db.transaction(async () => {
      // one transaction: every statement below runs on the same pooled connection
      expect(await sql.rows(PROBE, { n: 1 })).toEqual([{ probe_value: 2 }]);
      const first = await preparedProbes();
      expect(first).toEqual([{ name: expect.stringMatching(/^k[\w-]{27}$/), statement: 'SELECT $1::int + 1 AS probe_value' }]);
      expect(await sql.rows(PROBE, { n: 41 })).toEqual([{ probe_value: 42 }]);
      expect(await sql.rows('SELECT :n::int + 2 AS probe_other', { n: 1 })).toEqual([{ probe_other: 3 }]);
      expect(await sql.count('SELECT 1 AS probe_value; SELECT 2 AS probe_value')).toBe(1);
      expect(await preparedProbes()).toEqual(first);
    });
  });

  it('a failing prepared statement is an error with its SQLSTATE, and the next call on the connection works', async () => {
    const sql = t.app.get(Database).system('test: errors');
    const PROBE = prepared('SELECT :v::uuid AS probe_uuid');
    await expect(sql.rows(PROBE, { v: 'not-a-uuid' })).rejects.toMatchObject({
      driverError: expect.objectContaining({ code: '22P02' }),
    });
    expect(await sql.rows(PROBE, { v: '00000000-0000-4000-8000-000000000000' })).toEqual([
      { probe_uuid: '00000000-0000-4000-8000-000000000000' },
    ]);
  });
});
