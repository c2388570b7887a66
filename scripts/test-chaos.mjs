#!/usr/bin/env node
/**
 * `npm run test:chaos`: the long versions of the reliability suites (api/test/chaos): minutes of random concurrent
 * operations, 30 SIGKILLs of the API, five rounds of database faults on a private PostgreSQL cluster, and
 * every derived boundary value then 3,600 random hostile requests per operation (over 100,000 in all). `npm test`
 * runs the same suites in their short versions.
 * Every response the suites received is then checked against openapi.json, as in `npm test`.
 * Figures land in api/test/chaos/results/*.long.json, this run's own (duration, tests, responses checked) in
 * run.long.json; then scripts/readme-figures.mjs writes them into the README's "Reliability" section.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { bin, build, root, run } from './run.mjs';

const results = join(root, 'api/test/chaos/results');
const jestReport = join(root, 'api/test/results/chaos-long.jest.json');
const contractSummary = join(root, 'api/test/results/chaos-long.contract.json');

const started = Date.now();
await build();
await run(
  bin('jest'),
  [
    '--ci',
    '--runInBand',
    // In one process, a handle left by the suites (they drop their databases and kill their processes) keeps
    // Jest waiting after the last test; exit when the tests are done.
    '--forceExit',
    'test/chaos',
    'test/races.test.ts',
    'test/auth.test.ts',
    'test/authorization-matrix.test.ts',
    '--json',
    `--outputFile=${jestReport}`,
    ...process.argv.slice(2),
  ],
  {
    cwd: join(root, 'api'),
    env: { CHAOS: 'long' },
  },
);
await run(process.execPath, ['scripts/check-responses.mjs', join(root, 'api/test/results/responses'), '--summary', contractSummary]);
const seconds = Math.round((Date.now() - started) / 1000);
const jest = JSON.parse(readFileSync(jestReport, 'utf8'));
const contract = JSON.parse(readFileSync(contractSummary, 'utf8'));
writeFileSync(
  join(results, 'run.long.json'),
  `${JSON.stringify(
    {
      at: new Date().toISOString(),
      durationSeconds: seconds,
      tests: jest.numTotalTests,
      passed: jest.numPassedTests,
      contract,
    },
    null,
    2,
  )}\n`,
);
await run(process.execPath, ['scripts/readme-figures.mjs']);
console.log(`\nLong reliability suites passed in ${seconds} s.`);
