/**
 * The browser tests drive Debian's Chromium (Playwright cannot download browsers on these machines). The README's
 * test command must work on a fresh machine, so it prepares the browser itself: when no Chromium is there and we
 * run as root with apt-get, it installs Debian's `chromium`; otherwise it stops with one line that says exactly
 * what to install.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

export const DEFAULT_CHROMIUM = '/usr/bin/chromium';

/** What the machine offers; replaced in the unit tests. */
export const machine = {
  exists: (path) => existsSync(path),
  isRoot: () => typeof process.getuid === 'function' && process.getuid() === 0,
  /** Runs a command with inherited output; true when it exited 0. */
  run: (command, args, env = {}) => spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, ...env } }).status === 0,
  log: (line) => console.log(line),
};

export class ChromiumMissing extends Error {}

/**
 * The path of a Chromium to launch: `CHROMIUM_PATH` if set (it must exist), else Debian's, installed first when
 * missing and possible. Throws ChromiumMissing with a one-line instruction otherwise.
 */
export function ensureChromium(env = process.env, m = machine) {
  if (env.CHROMIUM_PATH) {
    if (m.exists(env.CHROMIUM_PATH)) return env.CHROMIUM_PATH;
    throw new ChromiumMissing(`CHROMIUM_PATH=${env.CHROMIUM_PATH} does not exist: point it at a Chromium or Chrome binary, or unset it.`);
  }
  if (m.exists(DEFAULT_CHROMIUM)) return DEFAULT_CHROMIUM;
  const install = 'apt-get update && apt-get install -y chromium';
  if (!m.isRoot() || !m.exists('/usr/bin/apt-get')) {
    throw new ChromiumMissing(
      `The browser tests need Chromium at ${DEFAULT_CHROMIUM}: install it with \`sudo ${install}\` (Debian/Ubuntu), or set CHROMIUM_PATH to a Chromium binary.`,
    );
  }
  m.log(`Chromium is missing: installing Debian's chromium (${install})`);
  const env2 = { DEBIAN_FRONTEND: 'noninteractive' };
  const installed =
    m.run('apt-get', ['update', '-qq'], env2) &&
    m.run('apt-get', ['install', '-y', '-qq', '--no-install-recommends', 'chromium'], env2) &&
    m.exists(DEFAULT_CHROMIUM);
  if (!installed) throw new ChromiumMissing(`Installing Chromium failed: run \`${install}\` as root and try again.`);
  return DEFAULT_CHROMIUM;
}
