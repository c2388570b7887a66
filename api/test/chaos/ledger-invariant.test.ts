import { createTestDatabase, testPool } from '../support/test-database';
import { ApiProcess, sleep } from './harness';
import { pick, recordFigures } from './mode';
import { buildWorld, checkAgainstResponses, checkInvariants, summarise, Workload } from './workload';

/**
 * In the spirit of Jepsen's bank test: many clients at random for a bounded time (claims, decisions racing on
 * the same payments, ledger entries, reads); the invariants are checked at random moments during the run and
 * at the end, and every response is held against what the database really contains.
 */
describe('ledger invariant under concurrency', () => {
  const seconds = pick(8, 180);
  jest.setTimeout((seconds + 120) * 1000);

  it(`holds for ${seconds} s of random concurrent operations`, async () => {
    const database = await createTestDatabase();
    const db = testPool(database.url, 2);
    const api = await ApiProcess.create(database.url, { DATABASE_POOL_SIZE: '12' });
    try {
      await api.start();
      const world = await buildWorld(api.url, pick(4, 8), pick(12, 40));
      const workload = new Workload(() => api.url, world);
      const until = Date.now() + seconds * 1000;
      let checks = 0;
      const violations: unknown[] = [];
      const checker = (async () => {
        while (Date.now() < until) {
          await sleep(300 + Math.random() * 1200);
          const found = await checkInvariants(db);
          checks++;
          if (Object.keys(found).length > 0) violations.push(found);
        }
      })();
      await Promise.all([workload.run(pick(12, 24), until), checker]);
      const final = await checkInvariants(db);
      const problems = await checkAgainstResponses(db, workload.operations);
      const summary = summarise(workload.operations);
      recordFigures('ledger-invariant', {
        seconds,
        ...summary,
        invariantChecks: checks + 1,
        violations: violations.length + Object.keys(final).length,
        responseProblems: problems.length,
      });
      expect(violations).toEqual([]);
      expect(final).toEqual({});
      expect(problems).toEqual([]);
      // Nothing failed on the server: no 5xx, not even a 503, when the database is healthy.
      expect(Object.keys(summary.counts).filter((k) => k.endsWith(':failed') || k.endsWith(':unknown'))).toEqual([]);
      expect(summary.counts['approve:ok']).toBeGreaterThan(0);
      expect(summary.counts['submit:ok']).toBeGreaterThan(0);
    } finally {
      await api.kill();
      await db.end();
      await database.drop();
    }
  });
});
