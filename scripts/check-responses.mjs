#!/usr/bin/env node
/**
 * Validates recorded responses against the committed OpenAPI document (scripts/contract/response-contract.mjs):
 * every response the API test suites and the browser tests received, as recorded (JSON lines) in the folders given:
 *   node scripts/check-responses.mjs api/test/results/responses web/e2e/results/responses
 * Prints the counts (responses, operations covered) and each violation (operation, status, JSON pointer, message,
 * how often, one request that showed it); exits 1 on any violation, or when a folder holds no response at all
 * (a recorder that stopped recording must not pass as "0 violations").
 * `--document <file>` checks against another document (default openapi/openapi.json); `--summary <file>` also
 * writes the counts and the covered operations there as JSON.
 */
import { createReadStream, existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { createInterface } from 'node:readline';
import { ResponseContract } from './contract/response-contract.mjs';

const root = join(import.meta.dirname, '..');
const args = process.argv.slice(2);
let documentPath = join(root, 'openapi/openapi.json');
let summaryPath = null;
const sources = [];
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--document') documentPath = args[++i];
  else if (args[i] === '--summary') summaryPath = args[++i];
  else sources.push(args[i]);
}
if (sources.length === 0) {
  console.error('usage: check-responses.mjs [--document openapi.json] <folder or .jsonl file>...');
  process.exit(2);
}

const contract = new ResponseContract(JSON.parse(readFileSync(documentPath, 'utf8')));
const covered = new Map(contract.operations.map((o) => [o.name, 0]));
const violations = new Map();
const outside = new Map();
let failed = false;
let total = 0;

function jsonlFiles(source) {
  if (!existsSync(source)) return [];
  if (!statSync(source).isDirectory()) return [source];
  return readdirSync(source)
    .filter((name) => name.endsWith('.jsonl'))
    .sort()
    .map((name) => join(source, name));
}

for (const source of sources) {
  let responses = 0;
  let checked = 0;
  for (const file of jsonlFiles(source)) {
    const lines = createInterface({ input: createReadStream(file), crlfDelay: Infinity });
    for await (const line of lines) {
      if (!line.trim()) continue;
      const record = JSON.parse(line);
      responses++;
      const { operation, violations: found } = contract.check(record);
      if (!operation) {
        const key = `${record.method} ${new URL(record.url, 'http://x').pathname} -> ${record.status}`;
        outside.set(key, (outside.get(key) ?? 0) + 1);
        continue;
      }
      checked++;
      covered.set(operation.name, covered.get(operation.name) + 1);
      for (const v of found) {
        const key = `${v.operation} -> ${v.status} at ${v.pointer || '(response)'}: ${v.message}`;
        const seen = violations.get(key) ?? { count: 0, example: `${record.method} ${record.url}`, source };
        seen.count++;
        violations.set(key, seen);
      }
    }
  }
  total += responses;
  console.log(`${relative(process.cwd(), source) || source}: ${responses} responses recorded, ${checked} checked against the document`);
  if (responses === 0) {
    console.error(`  no responses recorded in ${source}: the recorder is not working`);
    failed = true;
  }
}

const reached = [...covered.values()].filter((n) => n > 0).length;
const checkedTotal = [...covered.values()].reduce((a, b) => a + b, 0);
console.log(
  `Responses against ${relative(process.cwd(), documentPath)} (OpenAPI ${contract.version}): ${checkedTotal} responses checked ` +
    `(of ${total} recorded), ${reached} of ${covered.size} operations covered, ${violations.size} distinct violations.`,
);
if (summaryPath) {
  const summary = {
    document: relative(root, documentPath),
    responses: total,
    checked: checkedTotal,
    violations: violations.size,
    covered: [...covered].filter(([, n]) => n > 0).map(([name]) => name),
    operations: covered.size,
  };
  writeFileSync(summaryPath, `${JSON.stringify(summary, null, 2)}\n`);
}
const missing = [...covered].filter(([, n]) => n === 0).map(([name]) => name);
if (missing.length > 0) console.log(`Operations no test reached: ${missing.join('; ')}`);
if (outside.size > 0) {
  const list = [...outside].map(([k, n]) => `${k} (${n}x)`);
  console.log(
    `Not operations of the document (not checked): ${list.slice(0, 12).join('; ')}${list.length > 12 ? `; ${list.length - 12} more` : ''}`,
  );
}
if (violations.size > 0) {
  console.error(`\n${violations.size} violations of the document:`);
  for (const [key, { count, example }] of violations) console.error(`- ${key} (${count}x, e.g. ${example})`);
  failed = true;
}
process.exit(failed ? 1 : 0);
