#!/usr/bin/env node
/**
 * `npm run test:chaos`: the long versions of the reliability suites (api/test/chaos): minutes of random concurrent
 * operations, 30 SIGKILLs of the API, five rounds of database faults on a private PostgreSQL cluster, and
 * every derived boundary value then 3,600 random hostile requests per operation (over 100,000 in all). `npm test`
 * runs the same suites in their short versions.
 * Figures land in api/test/chaos/results/*.long.json (quoted in the README's "Reliability" section). Every response
 * the suites received is then checked against openapi.json, as in `npm test`.
 */
import { join } from 'node:path';
import { bin, build, root, run } from './run.mjs';

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
    ...process.argv.slice(2),
  ],
  {
    cwd: join(root, 'api'),
    env: { CHAOS: 'long' },
  },
);
await run(process.execPath, ['scripts/check-responses.mjs', join(root, 'api/test/results/responses')]);
console.log(`\nLong reliability suites passed in ${Math.round((Date.now() - started) / 1000)} s.`);
