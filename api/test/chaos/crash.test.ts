import { createTestDatabase, testPool } from '../support/test-database';
import { ApiProcess, sleep } from './harness';
import { pick, recordFigures } from './mode';
import { buildWorld, checkAgainstResponses, checkInvariants, summarise, Workload } from './workload';

/**
 * kill -9 of the API at random moments while claims and approvals stream in, then a restart. Every change is one
 * transaction, so after each crash: no half-approved payment, and everything acknowledged is there.
 */
describe('crash safety', () => {
  const kills = pick(5, 30);
  jest.setTimeout((kills * 40 + 120) * 1000); // a restart migrates nothing but can take long on a loaded machine

  it(`survives ${kills} SIGKILLs under load with nothing lost or half-done`, async () => {
    const database = await createTestDatabase();
    const db = testPool(database.url, 2);
    const api = await ApiProcess.create(database.url, { DATABASE_POOL_SIZE: '12' });
    try {
      await api.start();
      const world = await buildWorld(api.url, 3, 9);
      const workload = new Workload(() => api.url, world);
      const running = workload.run(12, Date.now() + 3_600_000);
      let checks = 0;
      const violations: unknown[] = [];
      for (let kill = 0; kill < kills; kill++) {
        await sleep(400 + Math.random() * 1600);
        await api.kill('SIGKILL');
        // While it is down, requests are refused; the database must already be consistent.
        const found = await checkInvariants(db);
        checks++;
        if (Object.keys(found).length > 0) violations.push(found);
        await api.start();
      }
      await sleep(1000);
      workload.stop();
      await running;
      const final = await checkInvariants(db);
      const problems = await checkAgainstResponses(db, workload.operations);
      const summary = summarise(workload.operations);
      recordFigures('crash', {
        kills,
        restarts: api.starts - 1,
        ...summary,
        invariantChecks: checks + 1,
        violations: violations.length + Object.keys(final).length,
        responseProblems: problems.length,
      });
      expect(violations).toEqual([]);
      expect(final).toEqual({});
      expect(problems).toEqual([]);
      expect(summary.counts['approve:ok']).toBeGreaterThan(0);
    } finally {
      await api.kill();
      await db.end();
      await database.drop();
    }
  });
});
