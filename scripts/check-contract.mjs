#!/usr/bin/env node
/**
 * The contract check of `npm test`: the committed OpenAPI document and generated client must be exactly what the
 * application and the pinned generator produce now (no drift), the document must lint with zero errors (Redocly)
 * and zero findings (Spectral with the OWASP ruleset, `openapi/.spectral.yaml`), and every example in it must be
 * valid against its schema (objects closed, as responses are held to them).
 * Run `npm run openapi` to bring both up to date.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { ResponseContract } from './contract/response-contract.mjs';

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

  // 4. Spectral with the OWASP ruleset: zero findings, warnings included (the rules that do not fit are off in
  //    openapi/.spectral.yaml, each with its reason).
  try {
    execFileSync(
      join(root, 'node_modules/.bin/spectral'),
      ['lint', 'openapi.json', '--ruleset', '.spectral.yaml', '--fail-severity', 'hint', '--format', 'text'],
      { cwd: join(root, 'openapi'), stdio: 'pipe' },
    );
  } catch (error) {
    problems.push(`Spectral (OWASP) findings:\n${error.stdout?.toString() || error}`);
  }

  // 5. Every example (responses, problems, request bodies, webhooks) is valid against its schema.
  problems.push(...invalidExamples(JSON.parse(readFileSync(join(root, 'openapi/openapi.json'), 'utf8'))));
} finally {
  rmSync(work, { recursive: true, force: true });
}

/** The examples of the document's media types that their own schema refuses. */
function invalidExamples(document) {
  const contract = new ResponseContract(document);
  const token = (text) => encodeURIComponent(String(text).replaceAll('~', '~0').replaceAll('/', '~1'));
  const found = [];
  let checked = 0;
  const media = (pointer, object) => {
    for (const [type, content] of Object.entries(object?.content ?? {})) {
      if (!content.schema || !/json/.test(type)) continue;
      const values = [
        ...('example' in content ? [['example', content.example]] : []),
        ...Object.entries(content.examples ?? {}).map(([name, example]) => [`examples/${name}`, example.value]),
      ];
      for (const [name, value] of values) {
        checked++;
        const validate = contract.validator(`${pointer}/content/${token(type)}/schema`);
        if (!validate(value))
          found.push(
            `${pointer}/content/${type} ${name} is not valid: ${validate.errors.map((e) => `${e.instancePath} ${e.message}`).join('; ')}`,
          );
      }
    }
  };
  for (const [root, items] of [
    ['/paths', document.paths],
    ['/webhooks', document.webhooks ?? {}],
  ]) {
    for (const [path, item] of Object.entries(items)) {
      for (const [method, operation] of Object.entries(item)) {
        if (!operation || typeof operation !== 'object' || !operation.responses) continue;
        const base = `${root}/${token(path)}/${method}`;
        media(`${base}/requestBody`, operation.requestBody);
        for (const [status, response] of Object.entries(operation.responses)) media(`${base}/responses/${token(status)}`, response);
      }
    }
  }
  if (checked === 0) found.push('the document has no examples to check');
  return found;
}

if (problems.length > 0) {
  console.error(`Contract check failed:\n- ${problems.join('\n- ')}\nRun "npm run openapi" and commit the result.`);
  process.exit(1);
}
console.log(
  'Contract check: openapi.json and the generated client are up to date; the document lints clean (Redocly, Spectral with ' +
    'the OWASP ruleset); every example is valid against its schema.',
);
