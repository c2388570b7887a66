#!/usr/bin/env node
/**
 * `npm test`: the whole suite, as CI runs it.
 *  1. build the API and the SPA;
 *  2. lint (ESLint with Nx module boundaries, Prettier) and type-check every project;
 *  3. the contract: openapi.json and the generated client are not stale, and the document lints clean;
 *  4. the API's unit and integration tests (Jest, real PostgreSQL at TEST_DATABASE_URL);
 *  5. the SPA's tests (see web/).
 * Extra arguments go to Jest, e.g. `npm test -- test/races.test.ts`.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { bin, build, root, run } from './run.mjs';

const jestArgs = process.argv.slice(2);
const started = Date.now();
const step = (name) => console.log(`\n=== ${name} ===`);

step('build');
await build();
step('lint');
await run(bin('nx'), ['run-many', '-t', 'lint', '--outputStyle=static']);
step('type-check');
await run(bin('tsc'), ['-p', 'api/tsconfig.json', '--noEmit']);
await run(bin('tsc'), ['-p', 'web/tsconfig.json', '--noEmit']);
step('contract');
await run(process.execPath, ['scripts/check-contract.mjs']);
step('API tests');
await run(bin('jest'), ['--ci', ...jestArgs], { cwd: join(root, 'api') });
if (jestArgs.length === 0 && existsSync(join(root, 'web/scripts/test.mjs'))) {
  step('SPA tests');
  await run(process.execPath, ['web/scripts/test.mjs']);
}
console.log(`\nAll tests passed in ${Math.round((Date.now() - started) / 1000)} s.`);
