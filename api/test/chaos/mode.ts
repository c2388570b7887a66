/**
 * The reliability suites run short in `npm test` (CI) and long with `npm run test:chaos` (CHAOS=long).
 * Every figure they measure is written to api/test/chaos/results/<suite>.json for the README's "Reliability" section.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const LONG = process.env.CHAOS === 'long';

export function pick<T>(short: T, long: T): T {
  return LONG ? long : short;
}

export function recordFigures(suite: string, figures: Record<string, unknown>): void {
  const folder = join(__dirname, 'results');
  mkdirSync(folder, { recursive: true });
  const entry = { suite, mode: LONG ? 'long' : 'short', at: new Date().toISOString(), ...figures };
  writeFileSync(join(folder, `${suite}.${LONG ? 'long' : 'short'}.json`), `${JSON.stringify(entry, null, 2)}\n`);
  console.log(`[${suite}] ${JSON.stringify(entry)}`);
}
