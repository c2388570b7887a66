/** Small helpers shared by the root scripts: run a command with inherited output, fail loudly. */
import { spawn } from 'node:child_process';
import { join } from 'node:path';

export const root = join(import.meta.dirname, '..');
export const bin = (name) => join(root, 'node_modules', '.bin', name);

export function run(command, args, options = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: root,
      stdio: 'inherit',
      ...options,
      env: { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true', ...options.env },
    });
    child.on('error', reject);
    child.on('exit', (code, signal) =>
      code === 0 ? resolve() : reject(new Error(`${command} ${args.join(' ')} failed (${signal ?? code})`)),
    );
  });
}

/** Builds the API (swc) and the SPA (Vite) through Nx, which caches what did not change. */
export function build() {
  return run(bin('nx'), ['run-many', '-t', 'build', '--outputStyle=static']);
}
