#!/usr/bin/env node
// `npm run bench`: build the API, start it in production mode on a fresh PostgreSQL database, seed a large data
// set straight in SQL, measure every hot endpoint with wrk (throughput at fixed concurrency) and a constant-rate
// client (p50/p99 at a fixed arrival rate), measure the database's own limit for approvals with pgbench, alternate
// both, and write bench/results/latest.json and bench/REPORT.md. See bench/README.md.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  closedLoop,
  constantRate,
  cpuSeconds,
  latencySummary,
  listenToEvents,
  log,
  machineCpu,
  median,
  round,
  RssSampler,
  run,
  runAsync,
  signToken,
  sleep,
  webhookReceiver,
} from './lib.mjs';
import { startPrivateCluster } from './cluster.mjs';
import { writeReport } from './report.mjs';

const BENCH = dirname(fileURLToPath(import.meta.url));
const ROOT = dirname(BENCH);
const require = createRequire(join(ROOT, 'api', 'package.json'));
const pg = require('pg');
const argon2 = require('argon2');

// ---- settings (env overrides for experiments) ----
const num = (name, fallback) => (process.env[name] ? Number(process.env[name]) : fallback);
const SETTINGS = {
  poolSize: num('BENCH_POOL_SIZE', 10),
  connections: num('BENCH_CONNECTIONS', 16),
  seconds: num('BENCH_SECONDS', 10),
  rateSeconds: num('BENCH_RATE_SECONDS', 10),
  /** The fixed arrival rate for the read endpoints' latency (a dashboard's traffic), besides half their maximum. */
  readRate: num('BENCH_READ_RATE', 100),
  rounds: num('BENCH_ROUNDS', 3),
  /** Constant-rate latency runs are repeated this often; the report gives the median p50/p99. */
  rateRounds: num('BENCH_RATE_ROUNDS', 3),
  pgbenchClients: num('BENCH_PGBENCH_CLIENTS', 10),
  loginConnections: num('BENCH_LOGIN_CONNECTIONS', 4),
  wrkThreads: 1,
};
const PASSWORD = 'bench-password-1';
/** V8 flags for the API process (BENCH_API_NODE_OPTIONS overrides; empty string for Node's defaults). */
const API_NODE_OPTIONS = process.env.BENCH_API_NODE_OPTIONS ?? '--max-semi-space-size=4 --max-old-space-size=192';
/** Distinct pending payments per pgbench run (enough for 4,000 approvals/s for 10 s). */
const LIMIT_CHUNK = 40_000;
const JWT_SECRET = randomBytes(32).toString('base64url');
const PORT = num('BENCH_PORT', 3900 + Math.floor(Math.random() * 90));
// The PostgreSQL measured on: BENCH_DATABASE_URL's server, else a private cluster of the bench's own (bench/cluster.mjs),
// else the shared server at 127.0.0.1:5432.
const cluster = process.env.BENCH_DATABASE_URL ? null : await startPrivateCluster(log);
const serverUrl = process.env.BENCH_DATABASE_URL ? new URL(process.env.BENCH_DATABASE_URL) : null;
const dbName = serverUrl ? serverUrl.pathname.slice(1) : `khata_bench_${process.pid}`;
const adminUrl = (() => {
  const u = new URL(process.env.BENCH_DATABASE_URL ?? cluster?.url ?? 'postgres://postgres@127.0.0.1:5432/postgres');
  u.pathname = '/postgres';
  return u.toString();
})();
const dbUrl = (() => {
  const u = new URL(adminUrl);
  u.pathname = `/${dbName}`;
  return u.toString();
})();
const pgArgs = (() => {
  const u = new URL(dbUrl);
  return ['-h', u.hostname, '-p', u.port || '5432', '-U', decodeURIComponent(u.username || 'postgres')];
})();
const pgEnv = { ...process.env, PGPASSWORD: decodeURIComponent(new URL(dbUrl).password || '') };
const WORK = join(os.tmpdir(), `khata-bench-${process.pid}`);
const startedAt = Date.now();
const results = {
  startedAt: new Date(startedAt).toISOString(),
  settings: { ...SETTINGS, apiNodeOptions: API_NODE_OPTIONS, apiMalloc: 'MALLOC_ARENA_MAX=2 MALLOC_MMAP_THRESHOLD_=1048576' },
  machine: {},
  dataset: {},
  timings: {},
  endpoints: {},
  approve: {},
  memory: {},
  plans: {},
};

let api = null;
let admin = null;
let db = null;
let sampler = null;
/** The bench's own webhook receiver (see benchApprovals). */
let receiver = null;

async function main() {
  mkdirSync(WORK, { recursive: true });
  const loadgen = ensureWrk();
  results.machine = machine(loadgen);
  log(`machine: ${results.machine.cpus} cores (${results.machine.cpuModel}), ${results.machine.memoryGb} GB; load generator: ${loadgen}`);

  let t = Date.now();
  log('building the API');
  run('npm', ['run', 'build', '-w', 'api'], { cwd: ROOT, stdio: 'inherit' });
  results.timings.buildSeconds = round((Date.now() - t) / 1000);

  admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  results.machine.postgres = (await admin.query('SELECT version()')).rows[0].version;
  results.machine.postgresServer = cluster
    ? 'private cluster (bench/cluster.mjs)'
    : process.env.BENCH_DATABASE_URL
      ? 'BENCH_DATABASE_URL'
      : 'shared';
  if (cluster) results.machine.postgresSettings = cluster.settings;
  for (const s of ['shared_buffers', 'max_connections', 'synchronous_commit', 'work_mem', 'max_wal_size', 'checkpoint_timeout'])
    results.machine[`pg_${s}`] = (await admin.query(`SHOW ${s}`)).rows[0][s];
  // BENCH_REUSE=1 (development only): keep a database seeded by an earlier run with BENCH_KEEP_DATABASE=1.
  const reuse =
    process.env.BENCH_REUSE === '1' && (await admin.query(`SELECT 1 FROM pg_database WHERE datname = $1`, [dbName])).rowCount > 0;
  if (!reuse) {
    log(`fresh database ${dbName}`);
    await admin.query(`DROP DATABASE IF EXISTS "${dbName}"`);
    await admin.query(`CREATE DATABASE "${dbName}"`);

    // The API migrates the empty database at start-up; then it stops while the data set is loaded.
    t = Date.now();
    await startApi();
    await stopApi();
    results.timings.migrateSeconds = round((Date.now() - t) / 1000);

    t = Date.now();
    await seed();
    results.timings.seedSeconds = round((Date.now() - t) / 1000);
    log(`seeded in ${results.timings.seedSeconds} s`);
  } else {
    log(`reusing the database ${dbName}`);
    results.reusedDatabase = true;
  }

  db = new pg.Pool({ connectionString: dbUrl, max: 4 });
  db.on('error', () => undefined); // idle clients killed by the final DROP DATABASE ... WITH (FORCE)
  results.dataset = await datasetSize();
  log('data set', JSON.stringify(results.dataset));
  const fixtures = await prepareFixtures();

  await startApi();
  sampler = new RssSampler(api.pid);
  await warmUp(fixtures);

  if (process.env.BENCH_ONLY === 'reads') {
    // Development only: the pending list's latency at the fixed read rate, alone; nothing is written.
    const g = fixtures.gets.pendingFirst;
    const next = () => ({ method: 'GET', path: g.path, headers: { authorization: `Bearer ${g.token}` } });
    const r = await constantRateRounds({ port: PORT, rate: SETTINGS.readRate, seconds: SETTINGS.rateSeconds, next });
    log(`BENCH_ONLY=reads: pending list at ${r.rate}/s p50 ${r.p50Ms} ms p90 ${r.p90Ms} ms p99 ${r.p99Ms} ms ${JSON.stringify(r.runs)}`);
    await stopApi();
    return;
  }
  const bg0 = await bgwriter();
  receiver = await webhookReceiver();
  await benchApprovals(fixtures);
  await benchRelay(fixtures);
  await receiver.close();
  if (process.env.BENCH_ONLY === 'approve') {
    // Development only: the approval rounds alone; nothing is written.
    await stopApi();
    sampler.mark('end');
    for (const [phase, c] of Object.entries(sampler.cpu)) log(`cpu ${phase}: ${JSON.stringify(c)}`);
    log('BENCH_ONLY=approve: the approval rounds only, no report written');
    return;
  }
  const bg1 = await bgwriter();
  await benchEndpoints(fixtures);
  const bg2 = await bgwriter();
  const delta = (a, b) => Object.fromEntries(Object.keys(a).map((k) => [k, Number(b[k]) - Number(a[k])]));
  results.bgwriter = { approvals: delta(bg0, bg1), otherEndpoints: delta(bg1, bg2) };

  results.memory = sampler.stop();
  sampler = null;
  results.plans = await explainPlans(fixtures);
  await stopApi();

  t = Date.now();
  results.invariants = await checkInvariants();
  results.timings.invariantsSeconds = round((Date.now() - t) / 1000);
  results.timings.totalSeconds = round((Date.now() - startedAt) / 1000);
  results.finishedAt = new Date().toISOString();

  mkdirSync(join(BENCH, 'results'), { recursive: true });
  writeFileSync(join(BENCH, 'results', 'latest.json'), JSON.stringify(results, null, 2) + '\n');
  writeReport(results, join(BENCH, 'REPORT.md'));
  run(process.execPath, [join(ROOT, 'scripts', 'readme-figures.mjs')], { cwd: ROOT, stdio: 'inherit' });
  log(`done in ${results.timings.totalSeconds} s: bench/REPORT.md, bench/results/latest.json, README.md "Performance"`);
}

// ---------------------------------------------------------------- machine and tools

function ensureWrk() {
  const has = () => run('sh', ['-c', 'command -v wrk'], { allowFail: true }).status === 0;
  if (!has() && process.getuid?.() === 0 && run('sh', ['-c', 'command -v apt-get'], { allowFail: true }).status === 0) {
    log('installing wrk (apt-get install -y wrk)');
    let r = run('apt-get', ['install', '-y', 'wrk'], { allowFail: true });
    if (r.status !== 0) {
      run('apt-get', ['update'], { allowFail: true });
      r = run('apt-get', ['install', '-y', 'wrk'], { allowFail: true });
    }
  }
  if (has()) return run('sh', ['-c', 'wrk --version 2>&1 | head -1'], { allowFail: true }).stdout.trim().split(' Copyright')[0];
  log('wrk is not available: falling back to the built-in Node closed-loop client (heavier on the CPU)');
  return 'node closed-loop client (wrk missing)';
}

function machine(loadgen) {
  const cpus = os.cpus();
  const version = (cmd) => run('sh', ['-c', `${cmd} 2>&1 | head -1`], { allowFail: true }).stdout.trim();
  return {
    cpus: cpus.length,
    cpuModel: cpus[0]?.model ?? 'unknown',
    memoryGb: round(os.totalmem() / 2 ** 30, 1),
    kernel: `${os.type()} ${os.release()}`,
    node: process.version,
    loadgen,
    pgbench: version('pgbench --version'),
    loadAverageAtStart: os.loadavg().map((x) => round(x, 2)),
    note: 'shared machine: other engineers run test suites at the same time, so absolute figures are noisy; ratios and medians matter',
  };
}

// ---------------------------------------------------------------- API process

async function startApi() {
  const env = {
    ...process.env,
    // NODE_ENV=test only so that webhooks may go to the bench's own receiver on 127.0.0.1 (WEBHOOK_ALLOW_PRIVATE and
    // http:// are refused in production); every development convenience is off, as in production.
    NODE_ENV: 'test',
    DEV_ENDPOINTS: 'false',
    DEMO_DATA: 'false',
    WEBHOOK_ALLOW_PRIVATE: 'true',
    JWT_SECRET,
    DATABASE_URL: dbUrl,
    DATABASE_POOL_SIZE: String(SETTINGS.poolSize),
    PORT: String(PORT),
    HOST: '127.0.0.1',
    DATA_DIR: join(WORK, 'data'),
    RATE_LIMIT_LOGIN: 'off',
    RATE_LIMIT_REGISTER: 'off',
    RATE_LIMIT_JOIN: 'off',
    RATE_LIMIT_CLAIMS: 'off',
    // Memory (see REPORT.md, "Memory"): a smaller young generation and a bounded old space make V8 collect
    // before the heap balloons under load; fixed glibc malloc settings return argon2id's 19 MiB buffers (one per
    // concurrent login, on libuv's threads) to the system instead of keeping them in per-thread arenas.
    NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} ${API_NODE_OPTIONS}`.trim(),
    MALLOC_ARENA_MAX: '2',
    MALLOC_MMAP_THRESHOLD_: '1048576',
  };
  api = spawn(
    process.execPath,
    [
      ...(process.env.BENCH_API_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_API_PROFILE}`] : []),
      join(ROOT, 'api', 'dist', 'main.js'),
    ],
    { cwd: WORK, env, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  api.stdout.on('data', (d) => (output += d));
  api.stderr.on('data', (d) => (output += d));
  const exited = new Promise((resolve) => api.once('exit', resolve));
  api.exited = exited;
  for (let i = 0; i < 600; i++) {
    if (api.exitCode !== null) throw new Error(`the API exited:\n${output}`);
    try {
      const res = await fetch(`http://127.0.0.1:${PORT}/api/v1/health/ready`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await sleep(100);
  }
  throw new Error(`the API did not become ready:\n${output}`);
}

async function stopApi() {
  if (!api) return;
  const proc = api;
  api = null;
  if (proc.exitCode === null) {
    proc.kill('SIGTERM');
    const timeout = setTimeout(() => proc.kill('SIGKILL'), 10_000);
    await proc.exited;
    clearTimeout(timeout);
  }
}

// ---------------------------------------------------------------- data set

async function seed() {
  log('hashing the bench password once (argon2id, as the API does)');
  const hash = await argon2.hash(PASSWORD, { type: argon2.argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 });
  log('loading the data set (bench/seed.sql)');
  const t = Date.now();
  await runAsync(
    'psql',
    [...pgArgs, '-d', dbName, '-v', 'ON_ERROR_STOP=1', '-v', `password_hash=${hash}`, '-q', '-f', join(BENCH, 'seed.sql')],
    {
      env: pgEnv,
    },
  );
  results.timings.seedLoadSeconds = round((Date.now() - t) / 1000);
  const t2 = Date.now();
  await runAsync(
    'psql',
    [...pgArgs, '-d', dbName, '-v', 'ON_ERROR_STOP=1', '-q', '-c', 'SELECT payment_stats_rebuild()', '-c', 'VACUUM ANALYZE'],
    {
      env: pgEnv,
    },
  );
  results.timings.seedStatsAndVacuumSeconds = round((Date.now() - t2) / 1000);
}

async function datasetSize() {
  const { rows } = await db.query(`
    SELECT (SELECT count(*) FROM businesses)::int AS businesses, (SELECT count(*) FROM customers)::int AS customers,
           (SELECT count(*) FROM users)::int AS users, (SELECT count(*) FROM customer_credits)::int AS accounts,
           (SELECT count(*) FROM pending_payments)::int AS payments,
           (SELECT count(*) FROM pending_payments WHERE status = 'pending')::int AS pending,
           (SELECT count(*) FROM pending_payments WHERE status = 'pending' AND business_id = overlay(overlay(md5('b1') PLACING '4' FROM 13) PLACING '8' FROM 17)::uuid)::int AS large_business_pending,
           (SELECT count(*) FROM pending_payments WHERE business_id = overlay(overlay(md5('b1') PLACING '4' FROM 13) PLACING '8' FROM 17)::uuid)::int AS large_business_payments,
           (SELECT count(*) FROM transactions)::int AS ledger_rows, (SELECT count(*) FROM payment_events)::int AS audit_events,
           pg_size_pretty(pg_database_size(current_database())) AS database_size`);
  return rows[0];
}

/** Ids, tokens and paths for the load, written to files wrk reads. */
async function prepareFixtures() {
  const LARGE = (
    await db.query(
      `SELECT overlay(overlay(md5('b1') PLACING '4' FROM 13) PLACING '8' FROM 17)::uuid AS id, overlay(overlay(md5('ub1') PLACING '4' FROM 13) PLACING '8' FROM 17)::uuid AS owner`,
    )
  ).rows[0];
  const largeToken = signToken(JWT_SECRET, { sub: LARGE.owner, role: 'business', bid: LARGE.id });
  const businesses = (await db.query(`SELECT id, owner_user_id FROM businesses`)).rows;
  const bizToken = new Map(businesses.map((b) => [b.id, signToken(JWT_SECRET, { sub: b.owner_user_id, role: 'business', bid: b.id })]));

  // Pending payments, shuffled, split into disjoint chunks: one per measured run (API and pgbench alike).
  const others = (
    await db.query(
      `SELECT transaction_id AS id, business_id FROM pending_payments WHERE status = 'pending' AND business_id <> $1 ORDER BY random()`,
      [LARGE.id],
    )
  ).rows;
  const large = (
    await db.query(`SELECT transaction_id AS id FROM pending_payments WHERE status = 'pending' AND business_id = $1 ORDER BY random()`, [
      LARGE.id,
    ])
  ).rows;
  let oi = 0;
  let li = 0;
  const takeOthers = (n) => others.slice(oi, (oi += n));
  const takeLarge = (n) => large.slice(li, (li += n));
  const approveFile = (name, rows, token) => {
    const file = join(WORK, `${name}.txt`);
    writeFileSync(file, rows.map((r) => `${r.id} ${token ?? bizToken.get(r.business_id)}`).join('\n') + '\n');
    return file;
  };
  const PER_API_RUN = 12_000;
  const PER_PGBENCH_RUN = LIMIT_CHUNK;
  const fixtures = { large: LARGE, largeToken, approveAcross: [], approveWithin: [], approveWithinHooks: [], pgbenchBase: [] };
  fixtures.warmAcross = approveFile('warm-across', takeOthers(3000));
  fixtures.warmWithin = approveFile('warm-within', takeLarge(3000), largeToken);
  for (let r = 0; r < SETTINGS.rounds; r++) {
    fixtures.approveAcross.push(approveFile(`approve-across-${r}`, takeOthers(PER_API_RUN)));
    fixtures.approveWithin.push(approveFile(`approve-within-${r}`, takeLarge(PER_API_RUN), largeToken));
    fixtures.approveWithinHooks.push(approveFile(`approve-within-hooks-${r}`, takeLarge(PER_API_RUN), largeToken));
  }
  // The constant-rate runs take what they need at half the maximum: on a fast machine three rounds of 10 s across
  // businesses took more than 15,000 (a run ran out). Across: 40,000; within: what is left of the large business.
  fixtures.rateAcross = takeOthers(40_000).map((r) => ({ id: r.id, token: bizToken.get(r.business_id) }));
  fixtures.rateWithin = takeLarge(large.length - li).map((r) => ({ id: r.id, token: largeToken }));

  // pgbench's payments: a numbered table, one disjoint range per run: the limit's rounds, its warm-up, then the bare
  // limit's rounds.
  const limitRows = takeOthers(PER_PGBENCH_RUN * (2 * SETTINGS.rounds + 1));
  await db.query(`DROP TABLE IF EXISTS bench_limit_ids`);
  await db.query(
    `CREATE TABLE bench_limit_ids (k int PRIMARY KEY, payment_id uuid NOT NULL, business_id uuid NOT NULL, approver uuid NOT NULL)`,
  );
  const owners = new Map(businesses.map((b) => [b.id, b.owner_user_id]));
  for (let i = 0; i < limitRows.length; i += 5000) {
    const chunk = limitRows.slice(i, i + 5000);
    await db.query(`INSERT INTO bench_limit_ids SELECT * FROM unnest($1::int[], $2::uuid[], $3::uuid[], $4::uuid[])`, [
      chunk.map((_, j) => i + j),
      chunk.map((r) => r.id),
      chunk.map((r) => r.business_id),
      chunk.map((r) => owners.get(r.business_id)),
    ]);
  }
  await db.query(`ANALYZE bench_limit_ids`);
  fixtures.pgbenchChunk = PER_PGBENCH_RUN;
  if (oi > others.length || li > large.length) throw new Error('not enough pending payments for the planned runs');

  // Submits: customers' accounts with the small businesses (5 pending each, so up to 5 more are allowed).
  const accounts = (
    await db.query(
      `SELECT a.business_id, a.customer_id, c.user_id FROM customer_credits a JOIN customers c ON c.id = a.customer_id
        WHERE a.business_id <> $1 ORDER BY random()`,
      [LARGE.id],
    )
  ).rows;
  const customerToken = (a) => signToken(JWT_SECRET, { sub: a.user_id, role: 'customer', cid: a.customer_id });
  writeFileSync(join(WORK, 'submit.txt'), accounts.map((a) => `${customerToken(a)} ${a.business_id}`).join('\n') + '\n');
  fixtures.submitFile = join(WORK, 'submit.txt');
  fixtures.submitRate = accounts
    .slice(0, 30000)
    .reverse()
    .map((a) => ({ token: customerToken(a), businessId: a.business_id }));

  // Pending list of the large business: the first page, and a deep page (after 60,000 rows) by cursor.
  const deep = (
    await db.query(
      `SELECT created_at::text AS at, transaction_id AS id FROM pending_payments WHERE business_id = $1 AND status = 'pending'
        ORDER BY created_at DESC, transaction_id DESC OFFSET 60000 LIMIT 1`,
      [LARGE.id],
    )
  ).rows[0];
  fixtures.deepCursor = Buffer.from(JSON.stringify([deep.at, deep.id])).toString('base64url');

  // A customer's ledger: the account (with the large business) with the most entries.
  const acct = (
    await db.query(
      `SELECT t.account_id, a.customer_id, c.user_id, count(*)::int AS entries FROM transactions t
         JOIN customer_credits a ON a.id = t.account_id JOIN customers c ON c.id = a.customer_id
        WHERE t.business_id = $1 GROUP BY 1, 2, 3 ORDER BY entries DESC LIMIT 1`,
      [LARGE.id],
    )
  ).rows[0];
  fixtures.ledger = { accountId: acct.account_id, customerId: acct.customer_id, entries: acct.entries, token: customerToken(acct) };
  fixtures.loginPhone = (await db.query(`SELECT phone FROM users WHERE role = 'customer' ORDER BY phone LIMIT 1`)).rows[0].phone;

  const get = (name, path, token) => {
    const file = join(WORK, `${name}.txt`);
    writeFileSync(file, `${path} ${token}\n`);
    return { file, path, token };
  };
  fixtures.gets = {
    pendingFirst: get('pending-first', `/api/v1/payments?status=pending&limit=20`, largeToken),
    pendingDeep: get('pending-deep', `/api/v1/payments?status=pending&limit=20&cursor=${fixtures.deepCursor}`, largeToken),
    stats: get('stats', `/api/v1/payments/stats`, largeToken),
    ledger: get('ledger', `/api/v1/accounts/${fixtures.ledger.accountId}/transactions?limit=20`, fixtures.ledger.token),
  };
  return fixtures;
}

// ---------------------------------------------------------------- load

async function wrk({ kind, file, seconds = SETTINGS.seconds, connections = SETTINGS.connections, script = 'lines.lua', env = {} }) {
  if (results.machine.loadgen.startsWith('node')) return closedLoopFallback({ kind, file, seconds, connections, env });
  const { stdout } = await runAsync(
    'wrk',
    [
      '-t',
      String(SETTINGS.wrkThreads),
      '-c',
      String(connections),
      '-d',
      `${seconds}s`,
      '--timeout',
      '10s',
      '-s',
      join(BENCH, 'lua', script),
      `http://127.0.0.1:${PORT}`,
    ],
    {
      env: {
        ...process.env,
        BENCH_DIR: BENCH,
        BENCH_KIND: kind ?? '',
        BENCH_LINES: file ?? '',
        BENCH_THREADS: String(SETTINGS.wrkThreads),
        BENCH_RUN_ID: randomBytes(6).toString('hex'),
        ...env,
      },
    },
  );
  const line = stdout.split('\n').find((l) => l.startsWith('WRK_JSON '));
  if (!line) throw new Error(`wrk printed no summary:\n${stdout}`);
  return summarise(JSON.parse(line.slice('WRK_JSON '.length)), connections);
}

function summarise(w, connections) {
  const seconds = w.duration_us / 1e6;
  return {
    connections,
    seconds: round(seconds, 2),
    requests: w.requests,
    non2xx: w.non2xx + (w.connect_errors ?? 0) + (w.read_errors ?? 0) + (w.write_errors ?? 0) + (w.timeouts ?? 0),
    throughput: round((w.requests - w.non2xx) / seconds),
    p50Ms: round(w.lat_p50_us / 1000, 2),
    p99Ms: round(w.lat_p99_us / 1000, 2),
    maxMs: round(w.lat_max_us / 1000, 2),
  };
}

/** Without wrk: the same requests from Node (closed loop). */
async function closedLoopFallback({ kind, file, seconds, connections, env }) {
  let next;
  if (kind === 'login') {
    const body = JSON.stringify({ phone: env.BENCH_PHONE, password: env.BENCH_PASSWORD });
    next = () => ({ method: 'POST', path: '/api/v1/auth/login', headers: { 'content-type': 'application/json' }, body });
  } else {
    const lines = readFileSync(file, 'utf8')
      .trim()
      .split('\n')
      .map((l) => l.split(' '));
    let i = 0;
    next = () => {
      const f = lines[i++ % lines.length];
      if (kind === 'approve')
        return { method: 'POST', path: `/api/v1/payments/${f[0]}/approve`, headers: { authorization: `Bearer ${f[1]}` } };
      if (kind === 'submit') return submitRequest(f[0], f[1]);
      return { method: 'GET', path: f[0], headers: { authorization: `Bearer ${f[1]}` } };
    };
  }
  return summarise(await closedLoop({ port: PORT, connections, seconds, next }), connections);
}

let submitCounter = 0;
function submitRequest(token, businessId) {
  const amount = `${10 + Math.floor(Math.random() * 4990)}.${String(Math.floor(Math.random() * 100)).padStart(2, '0')}`;
  const utr = `8${String(Math.floor(Math.random() * 1e11)).padStart(11, '0')}`;
  return {
    method: 'POST',
    path: '/api/v1/payments',
    headers: {
      authorization: `Bearer ${token}`,
      'content-type': 'application/json',
      'idempotency-key': `rate-${process.pid}-${++submitCounter}`,
    },
    body: JSON.stringify({ businessId, amount, utr, notes: 'bench' }),
  };
}

/**
 * pgbench on distinct pending payments from `base`: `limit` runs the API's own approval statement (taken from the SQL
 * catalogue, see limitScript), `bare` the same four writes with no trigger at all (bench/limit-bare.sql).
 */
async function pgbench(base, seconds = SETTINGS.seconds, kind = 'limit') {
  const c = SETTINGS.pgbenchClients;
  const script = kind === 'bare' ? join(BENCH, 'limit-bare.sql') : limitScript();
  const env = kind === 'bare' ? { ...pgEnv, PGOPTIONS: '-c session_replication_role=replica' } : pgEnv;
  const { stdout } = await runAsync(
    'pgbench',
    [
      ...pgArgs,
      '-n',
      '-M',
      'prepared',
      '-c',
      String(c),
      '-j',
      '2',
      '-T',
      String(seconds),
      '-f',
      script,
      '-D',
      'i=0',
      '-D',
      `nclients=${c}`,
      '-D',
      `base=${base}`,
      dbName,
    ],
    { env },
  );
  const tps = Number(/tps = ([\d.]+) \(without initial connection time\)/.exec(stdout)?.[1]);
  const processed = Number(/number of transactions actually processed: (\d+)/.exec(stdout)?.[1]);
  const latency = Number(/latency average = ([\d.]+) ms/.exec(stdout)?.[1]);
  if (!tps) throw new Error(`pgbench printed no tps:\n${stdout}`);
  const exhausted = processed >= LIMIT_CHUNK - c;
  return { kind, clients: c, seconds, tps: round(tps), transactions: processed, latencyAvgMs: latency, exhausted };
}

/** One statement of the SQL catalogue (api/sql/<file>.sql, written by `npm run sql`): the API's SQL, not a copy. */
function catalogued(file, name) {
  const catalogue = readFileSync(join(ROOT, 'api', 'sql', `${file}.sql`), 'utf8');
  const start = catalogue.indexOf(`-- ${name}\n`);
  if (start < 0) throw new Error(`api/sql/${file}.sql has no ${name}: the bench follows the repository's statements`);
  const body = catalogue.slice(start).split('\n').slice(1);
  const end = body.findIndex((line) => line.startsWith('-- '));
  return body
    .slice(0, end < 0 ? undefined : end)
    .join('\n')
    .trim()
    .replace(/;$/, '');
}

/** A catalogued statement with its named parameters (`:name`, not `::type`) bound as $1, $2 ... for pg. */
function bound(statement, values) {
  const names = [];
  const sql = statement.replace(/(?<!:):([a-zA-Z]\w*)/g, (_, name) => {
    if (!(name in values)) throw new Error(`no value for :${name}`);
    if (!names.includes(name)) names.push(name);
    return `$${names.indexOf(name) + 1}`;
  });
  return [sql, names.map((n) => values[n])];
}

/**
 * The pgbench script of the limit: the API's approval statement exactly as the SQL catalogue (api/sql/, written by
 * `npm run sql` from the repository) prints it, its parameters taken from the numbered table of distinct payments.
 */
function limitScript() {
  const file = join(WORK, 'limit.sql');
  if (existsSync(file)) return file;
  let statement = catalogued('payments.repository', 'PaymentsRepository.approve');
  if (!statement.startsWith('WITH')) throw new Error('the approval statement no longer starts with WITH');
  statement = statement
    .replace(/^WITH/, 'WITH\n  q AS (SELECT payment_id, business_id, approver FROM bench_limit_ids WHERE k = :k),')
    .replaceAll(':paymentId', '(SELECT payment_id FROM q)')
    .replaceAll(':tenantId', '(SELECT business_id FROM q)')
    .replaceAll(':actorId', '(SELECT approver FROM q)');
  const leftover = /(?<!:):[a-zA-Z]\w*/.exec(statement.replaceAll(':k)', ''));
  if (leftover) throw new Error(`the approval statement has a parameter the bench does not fill: ${leftover[0]}`);
  writeFileSync(
    file,
    `-- written by bench/run.mjs from api/sql/payments.repository.sql (PaymentsRepository.approve)\n` +
      `\\set k :base + :client_id + :nclients * :i\n\\set i :i + 1\n${statement};\n`,
  );
  return file;
}

async function warmUp(f) {
  log('warm-up');
  sampler.mark('warm-up');
  await pgbench(SETTINGS.rounds * f.pgbenchChunk, 3);
  await wrk({ kind: 'approve', file: f.warmAcross, seconds: 3 });
  await wrk({ kind: 'approve', file: f.warmWithin, seconds: 3 });
  for (const g of Object.values(f.gets)) await wrk({ kind: 'get', file: g.file, seconds: 2 });
}

/** Constant-rate runs repeated `SETTINGS.rateRounds` times; the summary is the median of each figure. */
async function constantRateRounds(options) {
  const runs = [];
  for (let i = 0; i < SETTINGS.rateRounds; i++) runs.push(await constantRate(options));
  const med = (k) => round(median(runs.map((x) => x[k])), 2);
  const statuses = {};
  for (const x of runs) for (const [k, v] of Object.entries(x.statuses)) statuses[k] = (statuses[k] ?? 0) + v;
  return {
    rate: options.rate,
    seconds: options.seconds,
    rounds: runs.length,
    requests: runs.reduce((n, x) => n + x.requests, 0),
    ok: runs.reduce((n, x) => n + x.ok, 0),
    achievedRate: med('achievedRate'),
    statuses,
    errors: runs.reduce((n, x) => n + x.errors, 0),
    p50Ms: med('p50Ms'),
    p90Ms: med('p90Ms'),
    p99Ms: med('p99Ms'),
    maxMs: round(Math.max(...runs.map((x) => x.maxMs)), 2),
    runs: runs.map((x) => ({ p50Ms: x.p50Ms, p99Ms: x.p99Ms, maxMs: x.maxMs, achievedRate: x.achievedRate })),
  };
}

async function benchApprovals(f) {
  // Each round: the limit, then for each case the API's maximum (wrk) and, right after, its latency at a constant
  // arrival rate of half that maximum. On a shared machine whose capacity drifts by the minute, "half the maximum"
  // is only meaningful when measured in the same minute; the report gives the medians over the rounds.
  const rounds = [];
  let ia = 0;
  let iw = 0;
  const approveNext = (list, counter) => () => {
    const i = counter();
    const p = list[i];
    if (!p) throw new Error(`the constant-rate runs used up their ${list.length} pending payments (bench/run.mjs fixtures)`);
    return { method: 'POST', path: `/api/v1/payments/${p.id}/approve`, headers: { authorization: `Bearer ${p.token}` } };
  };
  const nextAcross = approveNext(f.rateAcross, () => ia++);
  const nextWithin = approveNext(f.rateWithin, () => iw++);
  for (let r = 0; r < SETTINGS.rounds; r++) {
    sampler.mark('approve (limit)');
    const limit = await pgbench(r * f.pgbenchChunk);
    sampler.mark('approve (bare limit: the four writes, no trigger)');
    const bare = await pgbench((SETTINGS.rounds + 1 + r) * f.pgbenchChunk, SETTINGS.seconds, 'bare');
    sampler.mark('approve across businesses');
    const across = await wrk({ kind: 'approve', file: f.approveAcross[r] });
    sampler.mark('approve across businesses (constant rate)');
    const rateAcross = await constantRate({
      port: PORT,
      rate: Math.max(1, Math.round(across.throughput / 2)),
      seconds: SETTINGS.rateSeconds,
      next: nextAcross,
    });
    sampler.mark('approve within the large business');
    const within = await wrk({ kind: 'approve', file: f.approveWithin[r] });
    sampler.mark('approve within the large business (constant rate)');
    // The shop's dashboard is open meanwhile: its live stream receives every approval.
    const stream = await listenToEvents({ port: PORT, token: f.largeToken });
    const rateWithin = await constantRate({
      port: PORT,
      rate: Math.max(1, Math.round(within.throughput / 2)),
      seconds: SETTINGS.rateSeconds,
      next: nextWithin,
    });
    await sleep(1000);
    await stream.stop();
    const streamLatency = await commitToArrival(stream.arrivals, 'payment.approved');

    // The same, with three webhook endpoints of the shop subscribed to approvals (a local receiver answering 204).
    sampler.mark('approve within the large business, 3 webhook endpoints subscribed');
    // Made once and unsubscribed between rounds (enableWebhooks), not removed: their delivery log grows across the rounds, as a shop's does.
    f.webhookEndpoints ??= await subscribeWebhooks(f.largeToken, 3);
    await enableWebhooks(f.largeToken, f.webhookEndpoints, true);
    receiver.reset();
    const withinHooks = await wrk({ kind: 'approve', file: f.approveWithinHooks[r] });
    sampler.mark('webhooks relay catching up');
    await receiver.drained();
    const relay = { deliveries: receiver.count, perSecond: receiver.perSecond() };
    // Half the maximum measured with the endpoints subscribed, as every latency here is at half the maximum of the
    // system as it runs (with three endpoints, that maximum is withinHooks's, not within's).
    sampler.mark('approve within the large business, 3 webhook endpoints (constant rate)');
    receiver.reset();
    const rateHooks = await constantRate({
      port: PORT,
      rate: Math.max(1, Math.round(withinHooks.throughput / 2)),
      seconds: SETTINGS.rateSeconds,
      next: nextWithin,
    });
    await receiver.drained();
    const webhookLatency = await commitToArrival(receiver.arrivals, 'payment.approved', { webhooks: true });
    await enableWebhooks(f.largeToken, f.webhookEndpoints, false);
    const round_ = {
      round: r + 1,
      limitTps: limit.tps,
      bareTps: bare.tps,
      limit,
      bare,
      across,
      within,
      rateAcross,
      rateWithin,
      streamLatency,
      withinHooks,
      hooksRatio: round(withinHooks.throughput / within.throughput, 3),
      relay,
      rateHooks,
      webhookLatency,
      ratioAcross: round(across.throughput / limit.tps, 3),
      ratioWithin: round(within.throughput / limit.tps, 3),
      bareRatioAcross: round(across.throughput / bare.tps, 3),
      bareRatioWithin: round(within.throughput / bare.tps, 3),
      limitOfBare: round(limit.tps / bare.tps, 3),
    };
    rounds.push(round_);
    log(
      `round ${r + 1}: pgbench ${limit.tps}/s (bare ${bare.tps}/s), API across ${across.throughput}/s (${round_.ratioAcross}; at ${rateAcross.rate}/s p50 ${rateAcross.p50Ms} ms p99 ${rateAcross.p99Ms} ms), ` +
        `within ${within.throughput}/s (${round_.ratioWithin}; at ${rateWithin.rate}/s p50 ${rateWithin.p50Ms} ms p99 ${rateWithin.p99Ms} ms)` +
        (streamLatency
          ? `; commit to live event p50 ${streamLatency.p50Ms} ms p99 ${streamLatency.p99Ms} ms (${streamLatency.count} events; stages ${JSON.stringify(streamLatency.stages)})`
          : '') +
        `; with 3 webhook endpoints ${withinHooks.throughput}/s (${round_.hooksRatio} of without), relay ${relay.perSecond}/s over ${relay.deliveries} deliveries` +
        (webhookLatency
          ? `, commit to webhook p50 ${webhookLatency.p50Ms} ms p99 ${webhookLatency.p99Ms} ms (${webhookLatency.count}; stages ${JSON.stringify(webhookLatency.stages)})`
          : ''),
    );
  }
  const medianRate = (runs) => ({
    rate: round(median(runs.map((x) => x.rate))),
    rounds: runs.length,
    requests: runs.reduce((n, x) => n + x.requests, 0),
    ok: runs.reduce((n, x) => n + x.ok, 0),
    achievedRate: round(median(runs.map((x) => x.achievedRate))),
    statuses: runs.reduce((acc, x) => {
      for (const [k, v] of Object.entries(x.statuses)) acc[k] = (acc[k] ?? 0) + v;
      return acc;
    }, {}),
    p50Ms: round(median(runs.map((x) => x.p50Ms)), 2),
    p90Ms: round(median(runs.map((x) => x.p90Ms)), 2),
    p99Ms: round(median(runs.map((x) => x.p99Ms)), 2),
    maxMs: round(Math.max(...runs.map((x) => x.maxMs)), 2),
    runs: runs.map((x) => ({ rate: x.rate, p50Ms: x.p50Ms, p99Ms: x.p99Ms, maxMs: x.maxMs, achievedRate: x.achievedRate })),
  });
  const a = {
    rounds,
    medianLimitTps: median(rounds.map((r) => r.limitTps)),
    medianBareTps: median(rounds.map((r) => r.bareTps)),
    medianBareRatioAcross: median(rounds.map((r) => r.bareRatioAcross)),
    medianBareRatioWithin: median(rounds.map((r) => r.bareRatioWithin)),
    medianLimitOfBare: median(rounds.map((r) => r.limitOfBare)),
    medianAcrossThroughput: median(rounds.map((r) => r.across.throughput)),
    medianWithinThroughput: median(rounds.map((r) => r.within.throughput)),
    medianRatioAcross: median(rounds.map((r) => r.ratioAcross)),
    medianRatioWithin: median(rounds.map((r) => r.ratioWithin)),
    rateAcross: medianRate(rounds.map((r) => r.rateAcross)),
    rateWithin: medianRate(rounds.map((r) => r.rateWithin)),
    medianWithinHooksThroughput: median(rounds.map((r) => r.withinHooks.throughput)),
    medianHooksRatio: median(rounds.map((r) => r.hooksRatio)),
    relayPerSecond: median(rounds.map((r) => r.relay.perSecond ?? 0)),
    relayDeliveries: rounds.reduce((n, r) => n + r.relay.deliveries, 0),
    rateHooks: medianRate(rounds.map((r) => r.rateHooks)),
    webhookLatency: rounds.every((r) => r.webhookLatency)
      ? {
          events: rounds.reduce((n, r) => n + r.webhookLatency.count, 0),
          p50Ms: round(median(rounds.map((r) => r.webhookLatency.p50Ms)), 2),
          p99Ms: round(median(rounds.map((r) => r.webhookLatency.p99Ms)), 2),
          maxMs: round(Math.max(...rounds.map((r) => r.webhookLatency.maxMs)), 2),
        }
      : null,
    streamLatency: rounds.every((r) => r.streamLatency)
      ? {
          events: rounds.reduce((n, r) => n + r.streamLatency.count, 0),
          p50Ms: round(median(rounds.map((r) => r.streamLatency.p50Ms)), 2),
          p99Ms: round(median(rounds.map((r) => r.streamLatency.p99Ms)), 2),
          maxMs: round(Math.max(...rounds.map((r) => r.streamLatency.maxMs)), 2),
        }
      : null,
  };
  log(
    `approve at half max (medians): across p50 ${a.rateAcross.p50Ms} ms p99 ${a.rateAcross.p99Ms} ms; within p50 ${a.rateWithin.p50Ms} ms p99 ${a.rateWithin.p99Ms} ms`,
  );
  results.approve = a;
  // The bare runs skipped the running totals' triggers: rebuild them, so the dashboard's figures and the invariants hold.
  await db.query('SELECT payment_stats_rebuild()');
}

/** Events per run of the relay alone (each becomes three deliveries). */
const RELAY_EVENTS = num('BENCH_RELAY_EVENTS', 5000);

/**
 * The webhooks relay alone, nothing else running: RELAY_EVENTS approvals' `payment.approved` events put straight into
 * the event log of the large business (positions given under the sequencer's lock, as the sequencer gives them), three
 * endpoints subscribed; from the commit to the last of the deliveries at the receiver. Deliveries per second, and CPU
 * per delivery of the API process (fan-out, claims, signing, sending, records), of the receiver (the bench's own
 * process, which does nothing else meanwhile) and of the rest of the machine (PostgreSQL, mostly).
 */
async function benchRelay(f) {
  const lock = Number(
    /SEQUENCER_LOCK = ([\d_]+)/
      .exec(readFileSync(join(ROOT, 'api', 'src', 'events', 'event-log.repository.ts'), 'utf8'))[1]
      .replaceAll('_', ''),
  );
  f.webhookEndpoints ??= await subscribeWebhooks(f.largeToken, 3);
  await enableWebhooks(f.largeToken, f.webhookEndpoints, true);
  const runs = [];
  for (let i = 0; i < SETTINGS.rounds; i++) {
    sampler.mark('webhooks relay alone');
    receiver.reset();
    const [m0, a0, r0, t0] = [machineCpu().busy, cpuSeconds(api.pid), process.cpuUsage(), performance.now()];
    const client = await db.connect();
    try {
      await client.query('BEGIN');
      await client.query('SELECT pg_advisory_xact_lock($1)', [lock]);
      await client.query(
        `INSERT INTO event_log (position, type, business_id, customer_id, payment_id, at)
         SELECT (SELECT coalesce(max(position), 0) FROM event_log) + row_number() OVER (ORDER BY p.transaction_id),
                'payment.approved', p.business_id, p.customer_id, p.transaction_id, now()
           FROM (SELECT transaction_id, business_id, customer_id FROM pending_payments
                  WHERE business_id = $1 AND status = 'approved' ORDER BY random() LIMIT $2) p`,
        [f.large.id, RELAY_EVENTS],
      );
      await client.query(`SELECT pg_notify('event_log', (SELECT max(position) FROM event_log)::text)`);
      await client.query('COMMIT');
    } finally {
      client.release();
    }
    const deliveries = 3 * RELAY_EVENTS;
    while (receiver.count < deliveries) {
      if (performance.now() - t0 > 180_000) throw new Error(`the relay delivered ${receiver.count} of ${deliveries} in 3 minutes`);
      await sleep(10);
    }
    const seconds = (performance.now() - t0) / 1000;
    const r = process.cpuUsage(r0);
    const [api_, receiver_] = [cpuSeconds(api.pid) - a0, (r.user + r.system) / 1e6];
    const perDelivery = (cpu) => round((cpu * 1e6) / deliveries);
    runs.push({
      deliveries,
      perSecond: round(deliveries / seconds),
      apiUs: perDelivery(api_),
      receiverUs: perDelivery(receiver_),
      restUs: perDelivery(machineCpu().busy - m0 - api_ - receiver_),
    });
    log(`relay alone, run ${i + 1}: ${JSON.stringify(runs.at(-1))}`);
    await sleep(1000);
  }
  await unsubscribeWebhooks(f.largeToken, f.webhookEndpoints);
  f.webhookEndpoints = undefined;
  const med = (k) => round(median(runs.map((x) => x[k])));
  results.relayAlone = {
    events: RELAY_EVENTS,
    endpoints: 3,
    perSecond: med('perSecond'),
    apiUs: med('apiUs'),
    receiverUs: med('receiverUs'),
    restUs: med('restUs'),
    runs,
  };
}

/** Adds `n` webhook endpoints of the shop for `payment.approved`, all pointing at the bench's receiver. */
async function subscribeWebhooks(token, n) {
  const ids = [];
  for (let i = 0; i < n; i++) {
    const res = await fetch(`http://127.0.0.1:${PORT}/api/v1/webhook-endpoints`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ url: `${receiver.url}/hooks/${i}`, events: ['payment.approved'] }),
    });
    if (res.status !== 201) throw new Error(`adding a webhook endpoint answered ${res.status}: ${await res.text()}`);
    ids.push((await res.json()).id);
  }
  return ids;
}

/**
 * Subscribes the endpoints to `payment.approved`, or (`listening` false) to `payment.cancelled` only, which the
 * bench never makes: between the phases with endpoints they get no deliveries. Not paused: a paused endpoint keeps
 * its events and would receive every approval of the phases without endpoints when resumed. Not deleted either: a
 * shop's delivery log grows, it does not empty every few minutes.
 */
async function enableWebhooks(token, ids, listening) {
  for (const id of ids) {
    const res = await fetch(`http://127.0.0.1:${PORT}/api/v1/webhook-endpoints/${id}`, {
      method: 'PATCH',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ events: [listening ? 'payment.approved' : 'payment.cancelled'] }),
    });
    if (res.status !== 200) throw new Error(`${listening ? 'subscribing' : 'unsubscribing'} a webhook endpoint answered ${res.status}`);
  }
}

async function unsubscribeWebhooks(token, ids) {
  for (const id of ids) {
    const res = await fetch(`http://127.0.0.1:${PORT}/api/v1/webhook-endpoints/${id}`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${token}` },
    });
    if (res.status >= 300) throw new Error(`removing a webhook endpoint answered ${res.status}`);
  }
}

/**
 * From each approval's commit (PostgreSQL's commit timestamp of the transaction that wrote its audit event; the
 * cluster tracks them) to the arrival of its event (`arrivals`: "<type> <payment id>" -> epoch ms), and where that
 * time went: to the sequencer's commit that gave the event its position, then (webhooks) to the start of the fan-out
 * transaction that wrote its deliveries, then to the arrival. Null when the server does not track commit timestamps
 * (a shared server).
 */
async function commitToArrival(arrivals, type, { webhooks = false } = {}) {
  const ids = [...arrivals.keys()].filter((k) => k.startsWith(`${type} `)).map((k) => k.slice(type.length + 1));
  if (ids.length === 0) return null;
  try {
    const { rows } = await db.query(
      `SELECT pe.payment_id::text AS id,
              extract(epoch FROM pg_xact_commit_timestamp(pe.xmin)) * 1000 AS committed,
              (SELECT extract(epoch FROM pg_xact_commit_timestamp(e.xmin)) * 1000
                 FROM event_log e WHERE e.payment_id = pe.payment_id AND e.type = $3) AS sequenced,
              CASE WHEN $4 THEN (SELECT extract(epoch FROM min(d.created_at)) * 1000
                 FROM webhook_deliveries d WHERE d.order_key = pe.payment_id AND d.event_type = $3) END AS fanned_out
         FROM payment_events pe WHERE pe.type = $1 AND pe.payment_id = ANY($2::uuid[])`,
      [type.replace('payment.', ''), ids, type, webhooks],
    );
    const arrival = (r) => arrivals.get(`${type} ${r.id}`);
    const stage = (from, to) => {
      const values = rows.filter((r) => r[from] !== null && r[to] !== null).map((r) => Number(r[to]) - Number(r[from]));
      const { p50Ms, p99Ms } = latencySummary(values);
      return { p50Ms, p99Ms };
    };
    rows.forEach((r) => (r.arrived = arrival(r)));
    return {
      ...latencySummary(rows.map((r) => r.arrived - Number(r.committed))),
      stages: {
        sequenced: stage('committed', 'sequenced'),
        ...(webhooks
          ? { fannedOut: stage('sequenced', 'fanned_out'), arrived: stage('fanned_out', 'arrived') }
          : { arrived: stage('sequenced', 'arrived') }),
      },
    };
  } catch (error) {
    log(`no commit-to-event latency: ${error.message}`);
    return null;
  }
}

async function benchEndpoints(f) {
  const measure = async (name, closed, rateNext, connections, fixed = false) => {
    sampler.mark(name);
    const max = await closed();
    sampler.mark(`${name} (constant rate)`);
    const rate = await constantRate({
      port: PORT,
      rate: Math.max(1, Math.round(max.throughput / 2)),
      seconds: SETTINGS.rateSeconds,
      next: rateNext,
    });
    let fixedRate = null;
    if (fixed) {
      sampler.mark(`${name} (constant ${SETTINGS.readRate}/s)`);
      fixedRate = await constantRateRounds({ port: PORT, rate: SETTINGS.readRate, seconds: SETTINGS.rateSeconds, next: rateNext });
    }
    results.endpoints[name] = { max, rate, fixedRate, connections };
    log(
      `${name}: ${max.throughput}/s at ${connections} connections; at ${rate.rate}/s p50 ${rate.p50Ms} ms p99 ${rate.p99Ms} ms (${rate.ok}/${rate.requests} ok)` +
        (fixedRate ? `; at ${fixedRate.rate}/s p50 ${fixedRate.p50Ms} ms p99 ${fixedRate.p99Ms} ms` : ''),
    );
  };
  const getNext = (g) => () => ({ method: 'GET', path: g.path, headers: { authorization: `Bearer ${g.token}` } });
  for (const [name, g] of Object.entries({
    'pending list, first page (large business)': f.gets.pendingFirst,
    'pending list, deep page by cursor (large business)': f.gets.pendingDeep,
    'stats (large business)': f.gets.stats,
    "customer's ledger": f.gets.ledger,
  })) {
    await measure(name, () => wrk({ kind: 'get', file: g.file }), getNext(g), SETTINGS.connections, true);
  }
  let s = 0;
  await measure(
    'submit',
    () => wrk({ kind: 'submit', file: f.submitFile }),
    () => {
      const a = f.submitRate[s++ % f.submitRate.length];
      return submitRequest(a.token, a.businessId);
    },
    SETTINGS.connections,
  );
  const loginBody = JSON.stringify({ phone: f.loginPhone, password: PASSWORD });
  await measure(
    'login (argon2id)',
    () =>
      wrk({
        kind: 'login',
        script: 'login.lua',
        connections: SETTINGS.loginConnections,
        env: { BENCH_PHONE: f.loginPhone, BENCH_PASSWORD: PASSWORD },
      }),
    () => ({ method: 'POST', path: '/api/v1/auth/login', headers: { 'content-type': 'application/json' }, body: loginBody }),
    SETTINGS.loginConnections,
  );
}

// ---------------------------------------------------------------- evidence

/** Who wrote dirty buffers: checkpoints, the background writer, or the backends themselves (stalls for a query). */
async function bgwriter() {
  const { rows } = await db.query(`SELECT checkpoints_timed, checkpoints_req, buffers_checkpoint, buffers_clean, buffers_backend,
                                          buffers_backend_fsync, buffers_alloc FROM pg_stat_bgwriter`);
  return rows[0];
}

async function explainPlans(f) {
  const client = await db.connect();
  const explain = async (sql, params) => {
    const { rows } = await client.query(`EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) ${sql}`, params);
    return rows.map((r) => r['QUERY PLAN']).join('\n');
  };
  const PAYMENT_COLUMNS = `p.transaction_id AS id, p.business_id, b.name AS business_name, p.customer_id, c.name AS customer_name,
    c.phone AS customer_phone, p.account_id, p.amount, p.payment_method, p.notes, p.utr, p.status, p.created_at, p.approved_at,
    p.approved_by, p.rejected_at, p.rejected_by, p.rejection_reason, p.cancelled_at, p.created_at::text AS cursor_at`;
  const JOINS = `JOIN businesses b ON b.id = p.business_id JOIN customers c ON c.id = p.customer_id`;
  const deep = JSON.parse(Buffer.from(f.deepCursor, 'base64url').toString());
  const plans = {};
  try {
    plans['pending list, first page (large business)'] = await explain(
      `SELECT ${PAYMENT_COLUMNS} FROM pending_payments p ${JOINS} WHERE p.business_id = $1 AND p.status = $3
        ORDER BY p.created_at DESC, p.transaction_id DESC LIMIT $2`,
      [f.large.id, 21, 'pending'],
    );
    plans['pending list, deep page by cursor'] = await explain(
      `SELECT ${PAYMENT_COLUMNS} FROM pending_payments p ${JOINS} WHERE p.business_id = $1 AND p.status = $3
          AND (p.created_at, p.transaction_id) < ($4::timestamptz, $5::uuid)
        ORDER BY p.created_at DESC, p.transaction_id DESC LIMIT $2`,
      [f.large.id, 21, 'pending', deep[0], deep[1]],
    );
    // Today, this week (from Monday) and this month, as dates in IST, as the API's istPeriods gives them.
    const ist = new Date(Date.now() + 19_800_000);
    const isoDay = (d) => d.toISOString().slice(0, 10);
    const monday = new Date(ist.getTime() - ((ist.getUTCDay() + 6) % 7) * 86_400_000);
    plans['stats (running totals)'] = await explain(
      ...bound(catalogued('payments.repository', 'PaymentsRepository.stats'), {
        tenantId: f.large.id,
        day: isoDay(ist),
        week: isoDay(monday),
        month: `${isoDay(ist).slice(0, 8)}01`,
      }),
    );
    plans['stats, as it was (aggregates over the history)'] = await explain(
      `SELECT pending.count, pending.total, approved.count, approved.total, receivable.total
         FROM (SELECT count(*)::int AS count, coalesce(sum(amount), 0)::numeric(14,2) AS total
                 FROM pending_payments WHERE business_id = $1 AND status = 'pending') pending,
              (SELECT count(*)::int AS count, coalesce(sum(amount), 0)::numeric(14,2) AS total
                 FROM pending_payments WHERE business_id = $1 AND status = 'approved' AND approved_at >= $2) approved,
              (SELECT coalesce(sum(current_balance), 0)::numeric(16,2) AS total
                 FROM customer_credits WHERE business_id = $1 AND current_balance > 0) receivable`,
      [f.large.id, new Date(Math.floor((Date.now() + 19_800_000) / 86_400_000) * 86_400_000 - 19_800_000)],
    );
    plans["customer's ledger"] = await explain(
      ...bound(catalogued('transactions.repository', 'TransactionsRepository.list (customer)'), {
        accountId: f.ledger.accountId,
        tenantId: f.ledger.customerId,
        rows: 21,
      }),
    );
    // One approval (the API's statement, on a payment no run used), rolled back.
    const [row] = (await client.query(`SELECT payment_id, business_id, approver FROM bench_limit_ids ORDER BY k DESC LIMIT 1`)).rows;
    const approve = bound(catalogued('payments.repository', 'PaymentsRepository.approve'), {
      paymentId: row.payment_id,
      tenantId: row.business_id,
      actorId: row.approver,
    });
    await client.query('BEGIN');
    plans['approve (one statement; rolled back)'] = await explain(...approve);
    await client.query('ROLLBACK');
  } finally {
    client.release();
  }
  return plans;
}

/** The money invariants (as api/test/support/invariants.ts), over the whole data set after the load. */
async function checkInvariants() {
  log('checking the invariants over the whole data set');
  const checks = {
    'balance equals the sum of the ledger': `SELECT count(*)::int AS n FROM customer_credits a
       LEFT JOIN (SELECT account_id, sum(CASE transaction_type WHEN 'credit' THEN amount ELSE -amount END) AS s FROM transactions GROUP BY account_id) l
         ON l.account_id = a.id WHERE a.current_balance <> coalesce(l.s, 0)`,
    'every approved payment has exactly one ledger entry of its amount': `SELECT count(*)::int AS n FROM pending_payments p
       LEFT JOIN transactions t ON t.original_pending_id = p.transaction_id WHERE p.status = 'approved' AND (t.id IS NULL OR t.amount <> p.amount)`,
    'no other payment has a ledger entry': `SELECT count(*)::int AS n FROM pending_payments p JOIN transactions t ON t.original_pending_id = p.transaction_id WHERE p.status <> 'approved'`,
    'every payment has one submitted event and one decision if decided': `SELECT count(*)::int AS n FROM pending_payments p
       LEFT JOIN (SELECT payment_id, count(*) FILTER (WHERE type = 'submitted') AS s, count(*) FILTER (WHERE type <> 'submitted') AS d FROM payment_events GROUP BY payment_id) e
         ON e.payment_id = p.transaction_id
      WHERE coalesce(e.s, 0) <> 1 OR coalesce(e.d, 0) <> CASE WHEN p.status = 'pending' THEN 0 ELSE 1 END`,
    'stats running totals equal the aggregates': `SELECT count(*)::int AS n FROM businesses b
       LEFT JOIN (SELECT business_id, sum(pending_count) AS c, sum(pending_total) AS t, sum(receivable_total) AS r FROM payment_stats GROUP BY business_id) s ON s.business_id = b.id
       LEFT JOIN (SELECT business_id, count(*) AS c, sum(amount) AS t FROM pending_payments WHERE status = 'pending' GROUP BY business_id) p ON p.business_id = b.id
       LEFT JOIN (SELECT business_id, sum(current_balance) AS r FROM customer_credits WHERE current_balance > 0 GROUP BY business_id) a ON a.business_id = b.id
      WHERE coalesce(s.c, 0) <> coalesce(p.c, 0) OR coalesce(s.t, 0) <> coalesce(p.t, 0) OR coalesce(s.r, 0) <> coalesce(a.r, 0)`,
  };
  const out = {};
  for (const [name, sql] of Object.entries(checks)) out[name] = (await db.query(sql)).rows[0].n;
  return out;
}

// ---------------------------------------------------------------- cleanup

async function cleanup() {
  sampler?.stop();
  await stopApi().catch(() => undefined);
  await db?.end().catch(() => undefined);
  if (admin) {
    if (!process.env.BENCH_KEEP_DATABASE) {
      await admin.query(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`).catch((e) => log(`cannot drop ${dbName}: ${e.message}`));
    }
    await admin.end().catch(() => undefined);
  }
  cluster?.stop();
  if (existsSync(WORK)) rmSync(WORK, { recursive: true, force: true });
}

let failed = false;
process.once('SIGINT', () => {
  log('interrupted');
  void cleanup().finally(() => process.exit(130));
});
try {
  await main();
} catch (error) {
  failed = true;
  console.error(error);
} finally {
  await cleanup();
}
process.exit(failed ? 1 : 0);
