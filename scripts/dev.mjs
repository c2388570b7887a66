#!/usr/bin/env node
/**
 * `npm run dev`: the API (rebuilt by swc and restarted on change) on :3000 and the Vite dev server with hot reload
 * on :5173, which proxies /api to the API. Open http://localhost:5173.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { bin, build, root } from './run.mjs';

// A first full build, so the API has a dist/ to start from; then swc and Vite keep things current.
await build();

const children = [
  spawn(bin('swc'), ['src', '-d', 'dist', '--strip-leading-paths', '--config-file', '.swcrc', '-q', '--watch'], {
    cwd: join(root, 'api'),
    stdio: 'inherit',
  }),
  spawn(process.execPath, ['--enable-source-maps', '--watch-path=api/dist', 'api/dist/main.js'], {
    cwd: root,
    stdio: 'inherit',
    env: { NODE_ENV: 'development', ...process.env },
  }),
  spawn(bin('vite'), [], { cwd: join(root, 'web'), stdio: 'inherit' }),
];
const stop = () => children.forEach((c) => c.kill('SIGTERM'));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
