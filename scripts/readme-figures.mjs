#!/usr/bin/env node
/**
 * The README's figures, written from the result files of the runs that measured them, never by hand. Each marked
 * section (`<!-- figures:NAME -->` ... `<!-- /figures:NAME -->`) is rendered anew from its results:
 *   reliability: api/test/chaos/results/*.long.json and run.long.json (written by `npm run test:chaos`);
 *   performance: bench/results/latest.json (written by `npm run bench`).
 * `npm run test:chaos` and `npm run bench` run this at their end. `node scripts/readme-figures.mjs --check` (part of `npm test`) fails
 * when the README says something else than the committed results.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { targets } from '../bench/report.mjs';

const root = join(import.meta.dirname, '..');
const readmePath = join(root, 'README.md');
const chaos = join(root, 'api/test/chaos/results');

const readJson = (path) => JSON.parse(readFileSync(path, 'utf8'));
const long = (suite) => {
  const path = join(chaos, `${suite}.long.json`);
  if (!existsSync(path)) throw new Error(`${path} is missing: run npm run test:chaos`);
  return readJson(path);
};
const n = (value) => Number(value).toLocaleString('en-US');
const sum = (counts, ...keys) => keys.reduce((total, key) => total + (counts[key] ?? 0), 0);
const ofKind = (counts, suffix) => Object.entries(counts).reduce((t, [k, v]) => (k.endsWith(`:${suffix}`) ? t + v : t), 0);
const duration = (seconds) => (seconds >= 60 ? `${Math.floor(seconds / 60)} min ${seconds % 60} s` : `${seconds} s`);
const seconds = (ms) => (ms >= 1000 ? `${(ms / 1000).toFixed(1)} s` : `${ms} ms`);

function reliability() {
  const ledger = long('ledger-invariant');
  const crash = long('crash');
  const faults = long('database-faults');
  const hostile = long('hostile-input');
  const matrix = long('authorization-matrix');
  const run = readJson(join(chaos, 'run.long.json'));
  const c = ledger.counts;
  const rows = [
    [
      'ledger invariant (`ledger-invariant.test.ts`)',
      `Jepsen-style bank test: 24 clients for ${ledger.seconds} s submit, approve, reject, cancel (1-5 racing on one payment), record credits and cash, read balances, at random`,
      `${n(ledger.operations)} operations (${n(c['submit:ok'] ?? 0)} claims, ${n(c['approve:ok'] ?? 0)} approvals, ${n(c['reject:ok'] ?? 0)} rejections, ` +
        `${n(c['cancel:ok'] ?? 0)} cancellations, ${n(sum(c, 'credit:ok', 'payment:ok'))} ledger entries, ` +
        `${n(sum(c, 'approve:refused', 'reject:refused', 'cancel:refused'))} refused racing decisions, ${n(c['submit:refused'] ?? 0)} claims refused at the 10-pending limit); ` +
        `${n(ledger.invariantChecks)} invariant checks, at random moments and at the end, each in one snapshot; p99 answer ${seconds(ledger.p99ResponseMs)}, slowest ${seconds(ledger.maxResponseMs)}`,
      ledger.violations,
    ],
    [
      'crash safety (`crash.test.ts`)',
      '`kill -9` of the API process at random moments while claims and approvals stream in, then a restart',
      `${n(crash.kills)} kills, ${n(crash.restarts)} restarts, ${n(crash.operations)} requests (${n(ofKind(crash.counts, 'unknown'))} without an answer, ` +
        `${n(ofKind(crash.counts, 'unsent'))} refused connections while it was down); ${n(crash.invariantChecks)} invariant checks`,
      crash.violations,
    ],
    [
      'database faults (`database-faults.test.ts`)',
      "on a private PostgreSQL cluster (initdb as `postgres`, own port) behind a TCP proxy of the tests' own: immediate-mode stop and restart under load; a lock that drains the pool for longer than the statement timeout; all connections cut mid-transaction",
      `${n(faults.cycles)} rounds: ${n(faults.restarts)} restarts, ${n(faults.locks)} pool droughts, ${n(faults.cuts)} cuts (${n(faults.connectionsCut)} connections); ` +
        `${n(faults.operations)} requests, ${n(faults.unavailable503)} answered \`503 DATABASE_UNAVAILABLE\`, none unanswered, slowest answer ${seconds(faults.maxResponseMs)}, ` +
        `recovery after each fault ${Math.min(...faults.recoveryMs)}-${Math.max(...faults.recoveryMs)} ms, API started ${faults.apiStarts === 1 ? 'once (never restarted)' : `${faults.apiStarts} times`}`,
      faults.violations,
    ],
    [
      'hostile input (`hostile-input.test.ts`)',
      "for every operation of the committed OpenAPI document, a valid request (the documented example with a real business's and customer's ids, codes and tokens) with one or two things wrong, derived from the document and the database schema (`boundaries.ts`), never hand-picked: every string at its `maxLength`/`minLength` and its column's length (`information_schema`) and one past, in ASCII, emoji, variation selectors, combining accents, Devanagari and with NUL, and the longest value its `pattern` allows; amounts at their column's precision and scale; integers at their range and at 2^31, 2^53+1, 2^63; enumerations; ids that parse but name nothing (random v4, nil, v1, v7, another tenant's); cursors with 30 February, year 0, 25:00, a 16-hour offset; `Last-Event-ID` past bigint, `Idempotency-Key` at 255/256; bodies at and past 64 KiB, whole, streamed and chunked; lying or huge `Content-Length`; other content types and credentials; an account whose balance sits at its limit (column and constraint); plus the classic fast-check mutations. Each operation gets every derived value once, then random combinations; the API runs as its own process and is called with Node's fetch (a bare socket for what fetch cannot send)",
      `${n(hostile.requests)} requests over ${n(hostile.operations)} operations (${n(hostile.sweep)} derived values, ${n(hostile.random)} random; ${n(hostile.refused4xx)} refused with a 4xx, ` +
        `${n(hostile.accepted2xx)} accepted) in ${duration(hostile.durationSeconds)}; ${n(hostile.status5xx)} 5xx, ${n(hostile.unanswered)} unanswered, every error problem+json with a known code, no 4xx changed a row`,
      hostile.violations.length + hostile.status5xx + hostile.unanswered,
    ],
    [
      'identity (`auth.test.ts`, `authorization-matrix.test.ts`)',
      '`alg: none`, wrong key, tampered payload, expired, not yet valid, wrong audience/issuer, HS512; refresh-token reuse revokes the family; password and join-code guessing get 429; the tenant matrix is generated from the OpenAPI document (`x-roles`), so a new endpoint cannot escape it: anonymous 401, wrong role 403, other tenant 404, database unchanged',
      `${n(matrix.cases)} matrix cases over ${n(matrix.operations)} secured operations`,
      0,
    ],
  ];
  const table = [
    '| suite | what it does | figures (long run) | violations |',
    '|---|---|---|---|',
    ...rows.map((r) => `| ${r.join(' | ')} |`),
  ];
  const contract = run.contract;
  return [
    `Latest long run (${run.at.slice(0, 10)}, 2 cores; written by \`npm run test:chaos\` from \`api/test/chaos/results/*.long.json\`):`,
    '',
    ...table,
    '',
    `\`npm run test:chaos\` took ${duration(run.durationSeconds)} (${n(run.tests)} tests, build included). It then checked every response the long ` +
      `suites received against the OpenAPI document, as \`npm test\` does (see "The contract in the tests"): ${n(contract.checked)} responses, ` +
      `${contract.covered.length} of ${contract.operations} operations, ${n(contract.violations)} violations.`,
  ].join('\n');
}

function performance() {
  const r = readJson(join(root, 'bench/results/latest.json'));
  const a = r.approve;
  const e = r.endpoints;
  const t = (name) => e[name]?.max;
  const at = (x) => (x ? `${n(Math.round(x.throughput))}/s` : 'n/a');
  const minutes = duration(Math.round(r.timings.totalSeconds));
  const server = r.machine.postgresSettings
    ? "a PostgreSQL cluster of the bench's own (`bench/cluster.mjs`, settings listed there)"
    : `the ${r.machine.postgresServer ?? 'shared'} PostgreSQL server (shared_buffers ${r.machine.pg_shared_buffers})`;
  return [
    `Latest run (${r.finishedAt.slice(0, 10)}, ${r.machine.cpus} cores, load average at start ${r.machine.loadAverageAtStart.join(' / ')}, on ${server}; ` +
      `written by \`npm run bench\` from \`bench/results/latest.json\`; the whole report with plans, memory and CPU per phase: \`bench/REPORT.md\`):`,
    '',
    '| target | figure | |',
    '|---|---|---|',
    ...targets(r).map((x) => `| ${x.target} | ${x.figure} | ${x.ok ? 'met' : '**missed**'} |`),
    '',
    `Throughput at ${r.settings.connections} connections: approve ${at({ throughput: a.medianAcrossThroughput })} across businesses and ` +
      `${at({ throughput: a.medianWithinThroughput })} within the large one (medians of ${a.rounds.length} rounds), pending list ${at(t('pending list, first page (large business)'))} ` +
      `(first page) and ${at(t('pending list, deep page by cursor (large business)'))} (deep page), stats ${at(t('stats (large business)'))}, a customer's ledger ` +
      `${at(t("customer's ledger"))}, submit ${at(t('submit'))}; login ${at(t('login (argon2id)'))} at ${r.settings.loginConnections} connections (argon2id by design). ` +
      `Data set: ${n(r.dataset.businesses)} businesses, ${n(r.dataset.customers)} customers, ${n(r.dataset.payments)} claims (${n(r.dataset.pending)} pending; the large business ` +
      `${n(r.dataset.large_business_payments)}), ${n(r.dataset.ledger_rows)} ledger entries. \`npm run bench\` took ${minutes}.`,
  ].join('\n');
}

const SECTIONS = { reliability, performance };

function render(readme) {
  let out = readme;
  for (const [name, make] of Object.entries(SECTIONS)) {
    const pattern = new RegExp(`(<!-- figures:${name} -->\\n)[\\s\\S]*?(\\n<!-- /figures:${name} -->)`);
    if (!pattern.test(out)) throw new Error(`README.md has no <!-- figures:${name} --> section`);
    out = out.replace(pattern, (_, open, close) => `${open}${make()}${close}`);
  }
  return out;
}

const readme = readFileSync(readmePath, 'utf8');
const next = render(readme);
if (process.argv.includes('--check')) {
  if (next !== readme) {
    console.error('README.md figures differ from the committed results: run node scripts/readme-figures.mjs and commit.');
    process.exit(1);
  }
  console.log('README figures match the committed results.');
} else if (next !== readme) {
  writeFileSync(readmePath, next);
  console.log('README.md figures rewritten from the results.');
} else {
  console.log('README.md figures are up to date.');
}
