#!/usr/bin/env node
/**
 * The contract check of `npm test`: the committed OpenAPI document and generated client must be exactly what the
 * application and the pinned generator produce now (no drift), and the document must lint with zero errors.
 * Run `npm run openapi` to bring both up to date.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';

const root = join(import.meta.dirname, '..');
const work = mkdtempSync(join(tmpdir(), 'khata-contract-'));
const problems = [];

function files(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : [path];
  });
}

try {
  // 1. The document, rendered from the application (no server, no database).
  const fresh = join(work, 'openapi.json');
  execFileSync(process.execPath, [join(root, 'api/dist/openapi/write-openapi.js'), fresh], { stdio: 'pipe' });
  if (readFileSync(fresh, 'utf8') !== readFileSync(join(root, 'openapi/openapi.json'), 'utf8')) {
    problems.push('openapi/openapi.json is stale: the application documents something else now');
  }

  // 2. The client, regenerated from the committed document by the pinned generator.
  const { createClient } = await import('@hey-api/openapi-ts');
  const config = (await import(join(root, 'openapi/client/openapi-ts.config.mjs'))).default;
  const output = join(work, 'client');
  await createClient({
    ...config,
    input: join(root, 'openapi/openapi.json'),
    output: { ...config.output, path: output },
    logs: { level: 'silent' },
  });
  const committedDir = join(root, 'openapi/client/src/generated');
  const committed = files(committedDir)
    .map((f) => relative(committedDir, f))
    .sort();
  const generated = files(output)
    .map((f) => relative(output, f))
    .sort();
  if (JSON.stringify(committed) !== JSON.stringify(generated)) {
    problems.push(
      `openapi/client/src/generated has other files than the generator writes: ${committed.join(',')} vs ${generated.join(',')}`,
    );
  } else {
    for (const file of generated) {
      if (readFileSync(join(output, file), 'utf8') !== readFileSync(join(committedDir, file), 'utf8'))
        problems.push(`openapi/client/src/generated/${file} is stale`);
    }
  }

  // 3. Lint with Redocly's recommended rules: zero errors.
  try {
    execFileSync(join(root, 'node_modules/.bin/redocly'), ['lint', 'openapi.json', '--config', 'redocly.yaml', '--format=summary'], {
      cwd: join(root, 'openapi'),
      stdio: 'pipe',
    });
  } catch (error) {
    problems.push(`the OpenAPI document has lint errors:\n${error.stdout?.toString() ?? error}`);
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}

if (problems.length > 0) {
  console.error(`Contract check failed:\n- ${problems.join('\n- ')}\nRun "npm run openapi" and commit the result.`);
  process.exit(1);
}
console.log('Contract check: openapi.json and the generated client are up to date; the document lints clean.');
