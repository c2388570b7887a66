// The bench's own PostgreSQL cluster: initdb in a temporary folder, started on a free port with the settings below,
// removed at the end. Its figures then depend on settings written here, not on a shared server's (whose 128 MB of
// shared_buffers made backends write dirty pages themselves: the p99 stalls of earlier reports).
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import { join } from 'node:path';

/**
 * Settings of a small dedicated server on this machine (2 cores, 23 GB), as one would set them in production:
 * durable commits (fsync and synchronous_commit stay on), memory for the working set, checkpoints spread out.
 */
export const CLUSTER_SETTINGS = {
  shared_buffers: '2GB', // the hot tables and indexes fit; backends no longer evict dirty pages themselves
  effective_cache_size: '8GB',
  work_mem: '16MB',
  maintenance_work_mem: '512MB', // index rebuilds after the seed
  wal_buffers: '64MB',
  max_wal_size: '8GB', // no checkpoint forced by WAL volume during a run
  min_wal_size: '1GB',
  checkpoint_timeout: '15min',
  checkpoint_completion_target: '0.9',
  bgwriter_delay: '50ms', // the background writer, not the backends, cleans pages
  bgwriter_lru_maxpages: '1000',
  max_connections: '200',
  synchronous_commit: 'on',
  fsync: 'on',
  jit: 'off', // short OLTP statements: compiling costs more than it saves
  track_commit_timestamp: 'on', // the bench measures from an approval's commit to its live event and webhook
};

function postgresBin(name) {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return null;
  const version = readdirSync(root)
    .sort((a, b) => Number(a) - Number(b))
    .pop();
  const path = version ? join(root, version, 'bin', name) : null;
  return path && existsSync(path) ? path : null;
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** A private cluster, or null when this machine cannot make one (not root, no server binaries). */
export async function startPrivateCluster(log) {
  const initdb = postgresBin('initdb');
  if (!initdb || process.getuid?.() !== 0) {
    log('no private PostgreSQL cluster (needs root and the server binaries): measuring on the shared server');
    return null;
  }
  const asPostgres = (bin, args) =>
    execFileSync('runuser', ['-u', 'postgres', '--', postgresBin(bin), ...args], { stdio: 'pipe', timeout: 120_000 });
  const dir = mkdtempSync(join(os.tmpdir(), 'khata-bench-pg-'));
  chmodSync(dir, 0o777);
  execFileSync('chown', ['postgres', dir]);
  const data = join(dir, 'data');
  asPostgres('initdb', ['-D', data, '-A', 'trust', '-U', 'postgres', '-E', 'UTF8', '--locale=C.UTF-8']);
  const port = await freePort();
  const options = [
    `-p ${port}`,
    '-c listen_addresses=127.0.0.1',
    `-c unix_socket_directories=${dir}`,
    ...Object.entries(CLUSTER_SETTINGS).map(([k, v]) => `-c ${k}=${v}`),
  ].join(' ');
  asPostgres('pg_ctl', ['-D', data, '-l', join(dir, 'log'), '-o', options, '-w', '-t', '60', 'start']);
  log(`private PostgreSQL cluster on port ${port} (${dir})`);
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    settings: CLUSTER_SETTINGS,
    version: execFileSync(postgresBin('postgres'), ['--version']).toString().trim(),
    stop() {
      try {
        asPostgres('pg_ctl', ['-D', data, '-m', 'fast', '-w', '-t', '60', 'stop']);
      } catch {
        // already stopped
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
