#!/usr/bin/env node
/**
 * `npm run screenshots`: refreshes the README's pictures in docs/screenshots by running the page tour of the
 * browser tests (every main page, phone and desktop) with SCREENSHOTS_DIR pointing there. `npm test` never
 * writes them; commit the new pictures when they show a change worth showing.
 */
import { join } from 'node:path';
import { build, root, run } from './run.mjs';

await build();
await run(process.execPath, ['web/scripts/test.mjs', 'e2e/pages.spec.ts'], {
  env: { SCREENSHOTS_DIR: join(root, 'docs/screenshots') },
});
