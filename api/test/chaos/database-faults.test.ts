import { Client } from 'pg';
import { recordFetched } from '../support/response-recorder';
import { testPool } from '../support/test-database';
import { ApiProcess, sleep } from './harness';
import { pick, recordFigures } from './mode';
import { CuttingProxy, PrivateCluster } from './private-cluster';
import { buildWorld, checkAgainstResponses, checkInvariants, summarise, Workload } from './workload';

/** What the API is configured with here (and documented in the README): every request answered within a bound. */
const TIMEOUTS = {
  DATABASE_CONNECT_TIMEOUT_MS: '1500',
  DATABASE_STATEMENT_TIMEOUT_MS: '2000',
  DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS: '2000',
};
/** No request may take longer than this, whatever the database does. */
const BOUND_MS = 10_000;

describe('database faults', () => {
  const cycles = pick(1, 5);
  jest.setTimeout((cycles * 40 + 180) * 1000);

  let cluster: PrivateCluster;
  let proxy: CuttingProxy;
  beforeAll(async () => {
    cluster = await PrivateCluster.create();
    proxy = await CuttingProxy.create(cluster.port);
  });
  afterAll(async () => {
    await proxy?.close();
    cluster?.destroy();
  });

  it(`the API answers every request within ${BOUND_MS / 1000} s, never crashes, recovers by itself and keeps the invariants`, async () => {
    const admin = new Client({ connectionString: cluster.url });
    await admin.connect();
    await admin.query('CREATE DATABASE khata');
    await admin.end();
    const directUrl = cluster.url.replace(/\/postgres$/, '/khata');
    const proxiedUrl = directUrl.replace(`:${cluster.port}/`, `:${proxy.port}/`);
    const api = await ApiProcess.create(proxiedUrl, { ...TIMEOUTS, DATABASE_POOL_SIZE: '6' });
    const figures = { restarts: 0, locks: 0, cuts: 0, connectionsCut: 0, recoveryMs: [] as number[] };

    const waitUntilServing = async () => {
      const started = Date.now();
      for (;;) {
        const url = `${api.url}/api/v1/health/ready`;
        const res = await fetch(url, { signal: AbortSignal.timeout(BOUND_MS) }).catch(() => null);
        if (res) await recordFetched('GET', url, res).catch(() => null);
        if (res?.status === 200) return Date.now() - started;
        if (Date.now() - started > 60_000) throw new Error(`the API did not recover:\n${api.logs()}`);
        await sleep(100);
      }
    };

    try {
      await api.start();
      const world = await buildWorld(api.url, 3, 9);
      const workload = new Workload(() => api.url, world);
      const running = workload.run(8, Date.now() + 3_600_000);
      for (let cycle = 0; cycle < cycles; cycle++) {
        // 1. The database server dies abruptly under load, and comes back.
        await sleep(1000 + Math.random() * 1000);
        cluster.stopImmediately();
        await sleep(2000 + Math.random() * 2000);
        cluster.start();
        figures.restarts++;
        figures.recoveryMs.push(await waitUntilServing());

        // 2. Slow requests drain the pool: a lock holds every account for longer than the statement timeout.
        await sleep(1000);
        const locker = new Client({ connectionString: directUrl });
        await locker.connect();
        await locker.query('BEGIN');
        await locker.query('LOCK TABLE customer_credits IN ACCESS EXCLUSIVE MODE');
        await sleep(4000);
        await locker.query('COMMIT');
        await locker.end();
        figures.locks++;
        figures.recoveryMs.push(await waitUntilServing());

        // 3. Connections cut mid-transaction, several times.
        for (let cut = 0; cut < 3; cut++) {
          await sleep(500 + Math.random() * 1000);
          figures.connectionsCut += proxy.cut();
          figures.cuts++;
        }
        figures.recoveryMs.push(await waitUntilServing());
        expect(api.alive).toBe(true);
      }
      // Service is back to normal: acknowledged work flows again.
      const before = workload.operations.filter((o) => o.outcome === 'ok').length;
      await sleep(2000);
      workload.stop();
      await running;
      const after = workload.operations.filter((o) => o.outcome === 'ok').length;

      const db = testPool(directUrl, 2);
      const final = await checkInvariants(db);
      const problems = await checkAgainstResponses(db, workload.operations);
      await db.end();
      const summary = summarise(workload.operations);
      const unavailable = workload.operations.filter((o) => o.status === 503).length;
      recordFigures('database-faults', {
        cycles,
        ...figures,
        ...summary,
        unavailable503: unavailable,
        apiStarts: api.starts,
        violations: Object.keys(final).length,
        responseProblems: problems.length,
      });

      expect(api.alive).toBe(true);
      expect(api.starts).toBe(1);
      expect(summary.maxResponseMs).toBeLessThan(BOUND_MS);
      expect(summary.counts['read:unknown'] ?? 0).toBe(0);
      expect(Object.entries(summary.counts).filter(([k]) => k.endsWith(':unknown'))).toEqual([]);
      expect(unavailable).toBeGreaterThan(0);
      expect(after).toBeGreaterThan(before);
      expect(final).toEqual({});
      expect(problems).toEqual([]);
    } finally {
      await api.kill();
    }
  });
});
