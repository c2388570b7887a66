#!/usr/bin/env node
/**
 * `npm test`: the whole suite, as CI runs it, on a fresh clone after `npm ci`.
 *  0. prepare what the tests need that npm cannot install: Debian's Chromium for the browser tests (installed
 *     when missing and running as root; otherwise a one-line instruction);
 *  1. build the API and the SPA;
 *  2. lint (ESLint with Nx module boundaries, Prettier) and type-check every project;
 *  3. the contract: openapi.json and the generated client are not stale, the document lints clean, and the
 *     response checker's own tests pass (scripts/contract/);
 *  4. the API's unit and integration tests (Jest, real PostgreSQL at TEST_DATABASE_URL), then every response they
 *     received checked against openapi.json (scripts/check-responses.mjs): any violation fails;
 *  5. the SPA's tests (see web/), whose browser tests' responses are checked the same way; then the problem codes
 *     each operation lists are held to those the API and browser tests received (scripts/check-problem-codes.mjs).
 * A test run must leave the working tree as it found it: tracked files unchanged, nothing new that git would
 * see. It checks that at the end and fails otherwise (outputs belong in ignored folders).
 * Extra arguments go to Jest, e.g. `npm test -- test/races.test.ts`.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ChromiumMissing, ensureChromium } from '../web/scripts/chromium.mjs';
import { bin, build, root, run } from './run.mjs';

const jestArgs = process.argv.slice(2);
const started = Date.now();
const step = (name) => console.log(`\n=== ${name} ===`);
const withSpa = jestArgs.length === 0 && existsSync(join(root, 'web/scripts/test.mjs'));

/** `git status` and the content of every changed file, or null outside a git checkout. */
function treeState() {
  try {
    const git = (...args) => execFileSync('git', args, { cwd: root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    return git('status', '--porcelain=v1', '--untracked-files=all') + git('diff', 'HEAD', '--binary');
  } catch {
    return null;
  }
}
const treeBefore = treeState();

if (withSpa) {
  step('prepare');
  try {
    console.log(`Chromium for the browser tests: ${ensureChromium()}`);
  } catch (error) {
    if (!(error instanceof ChromiumMissing)) throw error;
    console.error(error.message);
    process.exit(1);
  }
}

step('build');
await build();
step('lint');
await run(bin('nx'), ['run-many', '-t', 'lint', '--outputStyle=static']);
step('type-check');
await run(bin('tsc'), ['-p', 'api/tsconfig.json', '--noEmit']);
await run(bin('tsc'), ['-p', 'web/tsconfig.json', '--noEmit']);
step('contract');
await run(process.execPath, ['scripts/check-contract.mjs']);
await run(process.execPath, ['api/dist/database/write-sql.js', '--check']);
await run(process.execPath, ['--test', '--test-reporter=spec', 'scripts/contract/']);
step('README figures');
await run(process.execPath, ['scripts/readme-figures.mjs', '--check']);
step('API tests');
await run(bin('jest'), ['--ci', ...jestArgs], { cwd: join(root, 'api') });
step('API test responses against the contract');
const jestResponses = join(root, 'api/test/results/responses');
await run(process.execPath, ['scripts/check-responses.mjs', jestResponses, '--summary', join(jestResponses, 'summary.json')]);
if (withSpa) {
  step('SPA tests');
  await run(process.execPath, ['web/scripts/test.mjs']);
  const summaries = [jestResponses, join(root, 'web/e2e/results/responses')].map((folder) =>
    JSON.parse(readFileSync(join(folder, 'summary.json'), 'utf8')),
  );
  step('problem codes: the document lists exactly what the tests received');
  await run(process.execPath, ['scripts/check-problem-codes.mjs', jestResponses, join(root, 'web/e2e/results/responses')]);
  const covered = new Set(summaries.flatMap((s) => s.covered));
  console.log(
    `\nContract: ${summaries.reduce((n, s) => n + s.checked, 0)} responses of the API and browser tests checked against ` +
      `openapi.json, ${covered.size} of ${summaries[0].operations} operations covered, 0 violations.`,
  );
}
const treeAfter = treeState();
if (treeBefore !== null && treeAfter !== treeBefore) {
  console.error('\nThe test run changed the working tree (git status before and after differ):');
  console.error(execFileSync('git', ['status', '--short', '--untracked-files=all'], { cwd: root, encoding: 'utf8' }));
  console.error('Tests must write only to ignored folders; `npm run screenshots` refreshes docs/screenshots.');
  process.exit(1);
}
console.log(`\nAll tests passed in ${Math.round((Date.now() - started) / 1000)} s.`);
