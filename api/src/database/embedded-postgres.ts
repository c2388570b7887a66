import { Logger } from '@nestjs/common';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

export interface EmbeddedPostgres {
  url: string;
  stop(): Promise<void>;
}

/**
 * Zero-setup PostgreSQL for `npm start` when DATABASE_URL is unset: PGlite (PostgreSQL compiled to WASM) behind
 * its socket server, data kept in `<dataDir>/pglite`. All connections share ONE backend, so the pool is sized 1.
 * It is a development convenience, never a stand-in for PostgreSQL under concurrency.
 */
export async function startEmbeddedPostgres(dataDir: string, port = 0): Promise<EmbeddedPostgres> {
  const logger = new Logger('EmbeddedPostgres');
  const folder = join(dataDir, 'pglite');
  mkdirSync(folder, { recursive: true });
  // Both packages are ESM-only; a dynamic import keeps this CommonJS build able to load them.
  const { PGlite } = await (new Function('m', 'return import(m)') as (m: string) => Promise<typeof import('@electric-sql/pglite')>)(
    '@electric-sql/pglite',
  );
  const { PGLiteSocketServer } = await (
    new Function('m', 'return import(m)') as (m: string) => Promise<typeof import('@electric-sql/pglite-socket')>
  )('@electric-sql/pglite-socket');
  const started = Date.now();
  const db = await PGlite.create(folder);
  const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port, maxConnections: 1 });
  await server.start();
  const address = server.getServerConn();
  logger.log(`embedded PostgreSQL ready at ${address} (data in ${folder}) in ${Date.now() - started} ms`);
  return {
    url: `postgres://postgres@${address}/postgres?sslmode=disable`,
    async stop() {
      await server.stop();
      await db.close();
    },
  };
}
