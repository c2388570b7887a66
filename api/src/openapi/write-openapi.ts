/**
 * Writes the OpenAPI document of the application to the given file, without listening and without a database.
 * `npm run openapi` (root) runs this and then regenerates the TypeScript client from the file.
 */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { createApp } from '../app.factory';
import { loadConfig } from '../config/app-config';
import { buildOpenApiDocument } from './openapi-document';

export async function renderOpenApi(): Promise<string> {
  // A fixed configuration, so the document does not depend on who runs this: dev endpoints documented.
  const config = loadConfig({
    NODE_ENV: 'test',
    JWT_SECRET: 'x'.repeat(32),
    DEV_ENDPOINTS: 'true',
    DATABASE_URL: 'postgres://unused@127.0.0.1:1/unused',
  });
  const app = await createApp(config, { url: config.databaseUrl!, embedded: false, connect: false }, false);
  await app.init();
  const document = buildOpenApiDocument(app);
  await app.close();
  return `${JSON.stringify(document, null, 2)}\n`;
}

if (require.main === module) {
  const target = resolve(process.argv[2] ?? 'openapi.json');
  renderOpenApi()
    .then((text) => {
      writeFileSync(target, text);
      console.log(`wrote ${target}`);
    })
    .catch((error: unknown) => {
      console.error(error);
      process.exit(1);
    });
}
