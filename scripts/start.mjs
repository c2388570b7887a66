#!/usr/bin/env node
/**
 * `npm start`: builds the API and the SPA, then serves both on one port (the SPA at /, the API at /api).
 * Without DATABASE_URL an embedded PostgreSQL is started in ./.data; migrations run; demo data is seeded once.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { build, root } from './run.mjs';

await build();
const api = spawn(process.execPath, ['--enable-source-maps', join(root, 'api/dist/main.js')], {
  cwd: root,
  stdio: 'inherit',
  env: { NODE_ENV: 'development', ...process.env },
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => api.kill(signal));
api.on('exit', (code) => process.exit(code ?? 0));
