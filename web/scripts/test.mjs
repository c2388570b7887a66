#!/usr/bin/env node
/**
 * The SPA's tests, as `npm test` runs them after building (api/dist and web/dist must exist):
 *  1. the initial JavaScript of the SPA (what index.html loads directly), gzipped, must stay under 200 KB;
 *  2. unit tests (Vitest);
 *  3. browser tests (Playwright on Debian's Chromium) against the real API, which serves the built SPA, on a
 *     fresh PostgreSQL database that is dropped at the end, even on failure. The browser reaches the API through a
 *     recording proxy (recording-proxy.mjs), and every API response it received is then checked
 *     against the committed OpenAPI document (scripts/check-responses.mjs): any violation fails the tests.
 * Alone: `node web/scripts/test.mjs` from the repository root. Extra arguments go to Playwright
 * (e.g. `node web/scripts/test.mjs e2e/approval.spec.ts`). Screenshots go to web/e2e/results/screenshots, or to
 * SCREENSHOTS_DIR (`npm run screenshots` refreshes the README's, in docs/screenshots).
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, openSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { startRecordingProxy } from './recording-proxy.mjs';
import { ChromiumMissing, ensureChromium } from './chromium.mjs';

const web = join(import.meta.dirname, '..');
const root = join(web, '..');
const bin = (name) => join(root, 'node_modules', '.bin', name);
const playwrightArgs = process.argv.slice(2);
const started = Date.now();
const LIMIT_KB = 200;

for (const file of ['api/dist/main.js', 'web/dist/index.html']) {
  if (!existsSync(join(root, file))) throw new Error(`${file} is missing: build first (npm run build)`);
}

function run(command, args, options = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: web, stdio: 'inherit', ...options, env: { ...process.env, ...options.env } });
    child.on('error', reject);
    child.on('exit', (code, signal) =>
      code === 0 ? resolve() : reject(new Error(`${command} ${args.join(' ')} failed (${signal ?? code})`)),
    );
  });
}

function initialJavaScriptKb() {
  const html = readFileSync(join(web, 'dist/index.html'), 'utf8');
  const urls = [...html.matchAll(/<script[^>]*\ssrc="([^"]+\.js)"|<link[^>]*rel="modulepreload"[^>]*href="([^"]+\.js)"/g)].map(
    (m) => m[1] ?? m[2],
  );
  const files = [...new Set(urls)].map((url) => {
    const bytes = gzipSync(readFileSync(join(web, 'dist', url.replace(/^\//, ''))), { level: 9 }).length;
    return { url, kb: bytes / 1024 };
  });
  return { files, totalKb: files.reduce((sum, f) => sum + f.kb, 0) };
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

async function waitReady(url, api, deadlineMs = 90_000) {
  const until = Date.now() + deadlineMs;
  while (Date.now() < until) {
    if (api.exitCode !== null) throw new Error(`the API exited (${api.exitCode}) before it was ready; see web/e2e/results/api.log`);
    try {
      const response = await fetch(url);
      if (response.status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`the API was not ready within ${deadlineMs / 1000} s; see web/e2e/results/api.log`);
}

// 1. Initial JavaScript size: a build property, so it is asserted.
const size = initialJavaScriptKb();
for (const f of size.files) console.log(`initial JS: ${f.url} ${f.kb.toFixed(1)} KB gzipped`);
console.log(`initial JS of the SPA: ${size.totalKb.toFixed(1)} KB gzipped (limit ${LIMIT_KB} KB)`);
if (size.files.length === 0) throw new Error('index.html loads no JavaScript?');
if (size.totalKb >= LIMIT_KB) throw new Error(`initial JS is ${size.totalKb.toFixed(1)} KB gzipped, over the ${LIMIT_KB} KB budget`);

// 2. Unit tests.
await run(bin('vitest'), ['run', '--config', 'vitest.config.ts']);

// 3. Browser tests against the real API on a fresh database, in Debian's Chromium (installed first if missing).
let chromium;
try {
  chromium = ensureChromium();
} catch (error) {
  if (!(error instanceof ChromiumMissing)) throw error;
  console.error(error.message);
  process.exit(1);
}
const pg = createRequire(join(root, 'api/package.json'))('pg');
const serverUrl = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const database = `khata_web_${Date.now()}_${randomBytes(3).toString('hex')}`;
const databaseUrl = new URL(serverUrl);
databaseUrl.pathname = `/${database}`;

async function admin(sql) {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

mkdirSync(join(web, 'e2e/results'), { recursive: true });
const responses = join(web, 'e2e/results/responses');
rmSync(responses, { recursive: true, force: true });
mkdirSync(responses, { recursive: true });
await admin(`CREATE DATABASE "${database}"`);
let api;
let proxy;
let failure;
try {
  const port = await freePort();
  const log = openSync(join(web, 'e2e/results/api.log'), 'w');
  api = spawn(process.execPath, ['--enable-source-maps', join(root, 'api/dist/main.js')], {
    cwd: root,
    stdio: ['ignore', log, log],
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl.toString(),
      PORT: String(port),
      NODE_ENV: 'test',
      JWT_SECRET: randomBytes(32).toString('hex'),
      DEV_ENDPOINTS: 'true',
      RATE_LIMIT_LOGIN: 'off',
      RATE_LIMIT_REGISTER: 'off',
      RATE_LIMIT_JOIN: 'off',
      RATE_LIMIT_CLAIMS: 'off',
      // The webhooks journey's receiver runs on this machine (a private address; refused without this).
      WEBHOOK_ALLOW_PRIVATE: 'true',
    },
  });
  const apiUrl = `http://127.0.0.1:${port}`;
  await waitReady(`${apiUrl}/api/v1/health/ready`, api);
  proxy = await startRecordingProxy({ target: apiUrl, file: join(responses, 'browser.jsonl') });
  console.log(`API ready at ${apiUrl} on database ${database}; the browser tests reach it through ${proxy.url}`);
  await run(bin('playwright'), ['test', '--config', 'playwright.config.ts', ...playwrightArgs], {
    env: { BASE_URL: proxy.url, CHROMIUM_PATH: chromium },
  });
  await proxy.close();
  proxy = undefined;
  // Every response the browser tests received, against the committed OpenAPI document.
  await run(process.execPath, [join(root, 'scripts/check-responses.mjs'), responses, '--summary', join(responses, 'summary.json')], {
    cwd: root,
  });
} catch (error) {
  failure = error;
} finally {
  await proxy?.close();
  if (api && api.exitCode === null) {
    const exited = new Promise((resolve) => api.once('exit', resolve));
    api.kill('SIGTERM');
    await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
    if (api.exitCode === null) api.kill('SIGKILL');
  }
  try {
    await admin(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
  } catch (error) {
    console.error(`could not drop ${database}: ${error.message}`);
  }
}
if (failure) {
  console.error(failure.message);
  process.exit(1);
}
console.log(`SPA tests passed in ${Math.round((Date.now() - started) / 1000)} s.`);
