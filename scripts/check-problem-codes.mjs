#!/usr/bin/env node
/**
 * The problem codes the document lists are the ones the API answers with: every operation's error responses name
 * their codes (`code` enum per status), and here they are compared with the problems the test suites received
 * (the recorded responses of the API tests and of the browser tests):
 *   node scripts/check-problem-codes.mjs api/test/results/responses web/e2e/results/responses
 * - a code received but not listed fails (check-responses.mjs reports it too, as an enum violation);
 * - a code listed but never received fails, unless scripts/contract/unexercised-problems.json lists it with the
 *   reason it is reachable but not exercised by `npm test` (keep that list tiny);
 * - an entry of that list that the tests do exercise now fails too (it is stale: remove it).
 * `--document <file>` checks another document (default openapi/openapi.json).
 */
import { createReadStream, existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { ResponseContract } from './contract/response-contract.mjs';

const root = join(import.meta.dirname, '..');
const args = process.argv.slice(2);
let documentPath = join(root, 'openapi/openapi.json');
const sources = [];
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--document') documentPath = args[++i];
  else sources.push(args[i]);
}
if (sources.length === 0) {
  console.error('usage: check-problem-codes.mjs [--document openapi.json] <folder or .jsonl file>...');
  process.exit(2);
}

const document = JSON.parse(readFileSync(documentPath, 'utf8'));
const contract = new ResponseContract(document);
const allowlistPath = join(root, 'scripts/contract/unexercised-problems.json');
const allowlist = JSON.parse(readFileSync(allowlistPath, 'utf8')).entries;

/** The codes a problem response lists: the `code` enum of the members of its schema. */
export function listedCodes(response) {
  const schema = response?.content?.['application/problem+json']?.schema;
  if (!schema) return [];
  const parts = [schema, ...(schema.allOf ?? [])];
  return [...new Set(parts.flatMap((part) => part.properties?.code?.enum ?? []))];
}

const key = (operationId, status, code) => `${operationId} ${status} ${code}`;
const listed = new Map();
for (const operation of contract.operations) {
  for (const [status, response] of Object.entries(operation.operation.responses ?? {})) {
    for (const code of listedCodes(contract.deref(response)))
      listed.set(key(operation.operation.operationId, status, code), { operationId: operation.operation.operationId, status, code });
  }
}

function jsonlFiles(source) {
  if (!existsSync(source)) return [];
  if (!statSync(source).isDirectory()) return [source];
  return readdirSync(source)
    .filter((name) => name.endsWith('.jsonl'))
    .map((name) => join(source, name));
}

const observed = new Map();
for (const source of sources) {
  for (const file of jsonlFiles(source)) {
    for await (const line of createInterface({ input: createReadStream(file), crlfDelay: Infinity })) {
      if (!line.trim()) continue;
      const record = JSON.parse(line);
      if (record.status < 400) continue;
      const match = contract.operationFor(record.method, record.url);
      if (!match) continue;
      let code;
      try {
        code = JSON.parse(record.body).code;
      } catch {
        continue;
      }
      if (typeof code !== 'string') continue;
      const k = key(match.operation.operationId, String(record.status), code);
      observed.set(k, { count: (observed.get(k)?.count ?? 0) + 1, example: `${record.method} ${record.url}` });
    }
  }
}

const allowed = (entry) =>
  allowlist.find(
    (a) => (a.operation === '*' || a.operation === entry.operationId) && String(a.status) === entry.status && a.code === entry.code,
  );

const failures = [];
for (const [k, seen] of observed) {
  if (!listed.has(k))
    failures.push(`received but not listed: ${k} (${seen.count}x, e.g. ${seen.example}); add it to the operation's @Problems(...)`);
}
let exercised = 0;
let excused = 0;
for (const [k, entry] of listed) {
  if (observed.has(k)) exercised++;
  else if (allowed(entry)) excused++;
  else failures.push(`listed but never received: ${k}`);
}
for (const entry of allowlist) {
  if (!entry.reason) failures.push(`allowlist entry without a reason: ${JSON.stringify(entry)}`);
  if (entry.operation === '*') continue;
  const k = key(entry.operation, String(entry.status), entry.code);
  if (!listed.has(k)) failures.push(`allowlist entry for a code the operation does not list: ${k}`);
  else if (observed.has(k)) failures.push(`allowlist entry is exercised by the tests now (remove it): ${k}`);
}

console.log(
  `Problem codes: ${listed.size} (operation, status, code) listed in the document, ${exercised} received by the tests, ` +
    `${excused} reachable but not exercised (${allowlist.length} allowlist entries), ${observed.size} distinct received.`,
);
if (failures.length > 0) {
  console.error(`\n${failures.length} problem-code mismatches:\n- ${failures.join('\n- ')}`);
  console.error(
    '\nA code listed but never received: exercise it in a test, drop it from the operation if it cannot happen, or say why ' +
      `it is reachable but not exercised in ${allowlistPath.slice(root.length + 1)}.`,
  );
  process.exit(1);
}
