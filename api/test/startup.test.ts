import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The built API (api/dist), started as an operator would, with only the environment given here. */
function start(env: Record<string, string>) {
  const result = spawnSync(process.execPath, [join(__dirname, '..', 'dist', 'main.js')], {
    env: { PATH: process.env.PATH ?? '', DATA_DIR: mkdtempSync(join(tmpdir(), 'khata-start-')), PORT: '0', ...env },
    encoding: 'utf8',
    timeout: 20_000,
  });
  return { code: result.status, stderr: result.stderr };
}

describe('start-up refuses a development convenience in production, and says which', () => {
  const DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/postgres';
  const JWT_SECRET = 'y'.repeat(40);

  it('NODE_ENV unset is production: without JWT_SECRET it stops instead of generating one', () => {
    const { code, stderr } = start({ DATABASE_URL });
    expect(code).toBe(78);
    expect(stderr).toContain('Invalid configuration: JWT_SECRET is required when NODE_ENV=production');
  });

  it.each([
    ['DEV_ENDPOINTS', { DATABASE_URL, DEV_ENDPOINTS: 'true' }],
    ['DEMO_DATA', { DATABASE_URL, DEMO_DATA: 'true' }],
    ['DATABASE_URL', {}],
  ])('%s', (variable, env) => {
    const { code, stderr } = start({ NODE_ENV: 'production', JWT_SECRET, ...env });
    expect(code).toBe(78);
    expect(stderr).toMatch(new RegExp(`Invalid configuration: ${variable} .*refused when NODE_ENV=production`));
  });
});
