import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, OpenAPIObject, ParameterObject, ResponseObject, SwaggerModule } from '@nestjs/swagger';
import { API_KEY_HEADER, API_KEY_SCHEME, SCOPES } from '../api-keys/scope-names';
import { describeProblems, IDEMPOTENT_REPLAY, problemSchemas } from './api-errors';
import { addResponseExamples } from './examples';
import { eventSchemas, WEBHOOKS } from './events';

const DESCRIPTION = `Customers of small shops in India pay their credit (khata) back through PhonePe/UPI, outside any app,
and claim it here. A claim stays **pending** until the business confirms the money arrived: approval writes the
ledger entry and lowers the balance atomically and exactly once; rejection records a reason.

# Integrator guide

## Authentication
- **Access tokens (JWT)**: \`POST /auth/login\` (or \`/auth/register\`) answers an \`accessToken\` (HS256, with expiry
  and audience; \`accessTokenExpiresIn\` seconds, 15 minutes by default) and a \`refreshToken\`. Send
  \`Authorization: Bearer <accessToken>\`. Trade the refresh token at \`POST /auth/refresh\` for a new pair: refresh
  tokens are single-use (30 days by default), presenting a used one revokes every session of that login, and a login
  ends after 60 days however often it is refreshed. \`POST /auth/logout\` revokes it.
- **API keys** (for servers): the business owner creates a key with \`POST /api-keys\`, giving a name and scopes
  (\`payments:read\`, \`payments:decide\`, \`accounts:read\`, \`accounts:write\`, \`webhooks:manage\`), and sees it once
  (\`kp_...\`); send it as \`X-Api-Key: kp_...\`. A key acts for one business only, within its scopes, is stored hashed,
  can be revoked with immediate effect (\`DELETE /api-keys/{keyId}\`), shows when it was last used, and has a rate limit
  of its own (429 \`RATE_LIMITED\`). Each operation that accepts keys lists the \`apiKey\` scheme in its \`security\` and
  the scopes it needs in \`x-scopes\`; \`x-roles\` says which roles may call it with a token. A request with a key is
  judged by the key alone: 401 \`API_KEY_INVALID\` (unknown or revoked), 403 \`API_KEY_NOT_ALLOWED\` (an operation
  without \`x-scopes\`: signing in, settings, API keys themselves) or 403 \`INSUFFICIENT_SCOPE\` (\`requiredScopes\`
  says what it needs).
- Another business's or customer's object is a 404, never a 403: nothing tells that it exists.

## Money
A decimal string with at most two decimals (\`"250"\`, \`"250.50"\`, at most \`"99999999.99"\`); responses always
write two (\`"250.00"\`). Never a binary floating-point number.

## Errors
\`application/problem+json\` (RFC 9457) with a stable \`code\`; branch on \`code\`, never on \`title\` or \`detail\`. Each
operation lists, per status, exactly the codes it can answer with (the \`code\` enum of its response, with an example
of each). \`VALIDATION_FAILED\` names the fields in \`errors\`. A 500 is a bug on our side (\`INTERNAL\`).

## Pagination
Lists answer \`{ "items": [...], "nextCursor": string | null }\`, newest first. \`limit\` is 1-100 (default 20); pass
the previous page's \`nextCursor\` as \`cursor\` for the next page, unchanged (it is opaque); \`null\` means the last page.
A cursor is a position in the list's order (keyset), so items created meanwhile do not shift later pages: nothing is
skipped or repeated. Filters (\`status\`, \`q\`) must stay the same from page to page.

## Idempotency
Operations with an \`Idempotency-Key\` header (required on \`POST /payments\`) run at most once per key and caller: a
retry with the same key and body gets the first response again (its status and body, problems included) with
\`Idempotent-Replayed: true\`; the same key with another body is a 422 \`IDEMPOTENCY_KEY_REUSED\`; while the first
request still runs, a 409 \`IDEMPOTENCY_REQUEST_IN_PROGRESS\`. Use a fresh UUID per intent; keys are kept at least 24 hours.

## Rate limits
Logging in, registering, joining with a code, claims and live streams are limited (per phone, user or address;
budgets are configured per deployment). A refused request is a 429 \`RATE_LIMITED\` with \`Retry-After\` (seconds);
retry after it, not sooner. A 503 \`DATABASE_UNAVAILABLE\` also says \`Retry-After\`; retry with the same
\`Idempotency-Key\`.

## Live events and webhooks
\`GET /events\` is a server-sent event stream of \`PaymentEvent\`s (resume with \`Last-Event-ID\`). A business
registers webhook endpoints (\`POST /webhook-endpoints\`, scope \`webhooks:manage\`) for the event types it wants;
each delivery carries a \`WebhookEvent\` (\`{type, timestamp, data}\`) signed as Standard Webhooks (\`webhook-id\`,
\`webhook-timestamp\`, \`webhook-signature\`) with the endpoint's \`whsec_\` secret: see \`webhooks\` in this document.

## Versioning and deprecation
The version is in the path: \`/api/v1\`. Within v1 changes are additive only: new operations, new optional request
fields, new response fields, new problem codes on new conditions and new enum values where a description says the
list may grow; clients must ignore fields they do not know. Removing or changing the meaning of anything is a new
version (\`/api/v2\`), served beside v1. An operation to be removed is marked \`deprecated\` here and answers with
\`Deprecation\` (RFC 9745) and \`Sunset\` (RFC 8594) headers at least 6 months before it goes.`;

/** The tags, in the order a reader meets them, each with what it is about. */
const TAGS: [string, string][] = [
  ['auth', 'Registration, login, token refresh and logout; who am I'],
  ['businesses', "A business's profile, UPI ID and join code"],
  ['accounts', 'Customer accounts (khata) with their balances; joining a business with a code; merging accounts'],
  ['transactions', "An account's ledger: credits, cash payments and corrections (append-only)"],
  ['payments', "Customers' PhonePe/UPI payment claims: submit, read, list, cancel"],
  ['approvals', "The business's decisions on claims (approve, reject) and its dashboard figures"],
  ['events', 'Live payment events (server-sent events)'],
  ['api-keys', "API keys for a business's servers: create, list, revoke"],
  ['webhooks', 'Webhook endpoints, their deliveries and redelivery'],
  ['settings', 'Account settings: profile, password, recovery, personal data, closing a shop'],
  ['health', 'Liveness and readiness probes'],
  ['config', 'Public settings for the apps'],
  ['dev', 'Development-only helpers (absent in production)'],
];

/**
 * The document (OpenAPI 3.1, its schemas JSON Schema 2020-12), with operationIds taken from the controller method
 * names. @nestjs/swagger writes `nullable` as 3.1 null types when asked for 3.1; what it still writes the 3.0 way
 * is rewritten by `toJsonSchema2020`. scripts/check-responses.mjs holds every response of the tests to it.
 */
export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const builder = new DocumentBuilder()
    .setTitle('Khata Pay API')
    .setDescription(DESCRIPTION)
    .setOpenAPIVersion('3.1.0')
    .setVersion('1.0.0')
    .setContact('Khata Pay', 'https://example.com/khata-pay', 'api@example.com')
    .setLicense('Proprietary', 'https://example.com/license')
    .addServer('/', 'This server: local, staging or production, whichever serves this document')
    .addBearerAuth({
      type: 'http',
      scheme: 'bearer',
      bearerFormat: 'JWT',
      description:
        'Access token from /auth/login, /auth/register or /auth/refresh: a JWT following RFC8725 (JSON Web Token Best Current ' +
        'Practices): HS256 only, with expiry and audience checked.',
    })
    .addApiKey(
      {
        type: 'apiKey',
        in: 'header',
        name: API_KEY_HEADER,
        description:
          'An API key of a business (`kp_...`, made by the owner with POST /api-keys). Accepted only by the operations whose ' +
          `security lists it, each with the scopes in its \`x-scopes\` (all of them needed): ${SCOPES.map((s) => `\`${s}\``).join(', ')}.`,
      },
      API_KEY_SCHEME,
    );
  for (const [name, description] of TAGS) builder.addTag(name, description);
  const document = SwaggerModule.createDocument(app, builder.build(), {
    operationIdFactory: (_controller: string, method: string) => method,
  });
  // Who the server is for (OWASP API9): the same API for the apps and for integrators.
  for (const server of document.servers ?? []) (server as unknown as Record<string, unknown>)['x-internal'] = false;
  const problemStatuses = describeCommonParts(document);
  Object.assign(document.components!.schemas!, problemSchemas(problemStatuses), eventSchemas());
  (document as OpenAPIObject & { webhooks?: unknown }).webhooks = WEBHOOKS;
  toJsonSchema2020(document);
  boundFormattedStrings(document);
  addResponseExamples(document);
  return sortKeys(document) as OpenAPIObject;
}

const SUCCESS: Record<string, string> = { '200': 'OK', '201': 'Created', '204': 'No content' };

/**
 * What every operation shares, said once here rather than on each method: id parameters, success texts, the
 * problems it can answer with (`describeProblems`, from its declaration and `@Problems`), and the replay header of
 * an operation that takes an Idempotency-Key. Returns the statuses of the problems the operations answer with
 * (each has its schema, `Problem<status>`).
 */
function describeCommonParts(document: OpenAPIObject): number[] {
  const problemStatuses = new Set<number>();
  for (const [path, item] of Object.entries(document.paths)) {
    for (const method of ['get', 'post', 'patch', 'put', 'delete'] as const) {
      const operation = item[method];
      if (!operation) continue;
      // Public operations say so explicitly.
      operation.security ??= [];
      for (const parameter of operation.parameters ?? []) {
        if ('in' in parameter && parameter.in === 'path' && parameter.name.endsWith('Id')) {
          parameter.schema = { type: 'string', format: 'uuid' };
          parameter.description ??= `The ${parameter.name.replace(/Id$/, '')}'s id`;
        }
      }
      const parameters = (operation.parameters ?? []) as ParameterObject[];
      if (parameters.some((p) => p.in === 'header' && p.name === 'Idempotency-Key')) {
        for (const [status, response] of Object.entries(operation.responses)) {
          if (status.startsWith('2')) (response as ResponseObject).headers = { 'Idempotent-Replayed': IDEMPOTENT_REPLAY };
        }
      }
      for (const status of describeProblems(method, path, operation)) problemStatuses.add(status);
      for (const [status, response] of Object.entries(operation.responses ?? {})) {
        if (response && 'description' in response && !response.description) response.description = SUCCESS[status] ?? 'Success';
        const media = (response as ResponseObject).content?.['text/event-stream'] as Record<string, unknown> | undefined;
        // What each frame of a stream carries (OpenAPI 3.1 has no keyword for a stream's items).
        if (media) media['x-event-schema'] = { $ref: '#/components/schemas/PaymentEvent' };
      }
    }
  }
  return [...problemStatuses].sort();
}

/**
 * The schemas as JSON Schema 2020-12 says them, not as OpenAPI 3.0 did: a lone `allOf` member (3.0's way to put a
 * description beside a `$ref`) becomes the `$ref` itself with its siblings, and `example` becomes `examples`.
 */
function toJsonSchema2020(document: OpenAPIObject): void {
  const visit = (node: unknown, data = false): void => {
    if (Array.isArray(node)) return node.forEach((item) => visit(item, data));
    if (!node || typeof node !== 'object' || data) return;
    const schema = node as Record<string, unknown>;
    for (const [key, value] of Object.entries(schema))
      visit(value, key === 'example' || key === 'examples' || key === 'enum' || key === 'const');
    if (Array.isArray(schema.allOf) && schema.allOf.length === 1 && '$ref' in schema.allOf[0]) {
      Object.assign(schema, schema.allOf[0]);
      delete schema.allOf;
    }
  };
  visit(document.components?.schemas);
  for (const item of Object.values(document.paths)) visit(item);
  for (const schema of schemasOf(document)) {
    if ('example' in schema) {
      schema.examples = [schema.example];
      delete schema.example;
    }
  }
}

/** Ids and times have their length by their format: a UUID is 36 characters, an ISO 8601 time at most 35. */
function boundFormattedStrings(document: OpenAPIObject): void {
  const lengths: Record<string, number> = { uuid: 36, 'date-time': 35, date: 10 };
  const all = schemasOf(document);
  for (const schema of all) {
    if (typeof schema.format === 'string' && schema.format in lengths && schema.maxLength === undefined)
      schema.maxLength = lengths[schema.format];
  }
}

/** Every schema object of the document (components, parameters, bodies, responses, headers, and within them). */
function schemasOf(document: OpenAPIObject): Record<string, unknown>[] {
  const found: Record<string, unknown>[] = [];
  const schema = (node: unknown): void => {
    if (!node || typeof node !== 'object') return;
    const s = node as Record<string, unknown>;
    found.push(s);
    for (const key of ['properties', 'patternProperties', '$defs', 'dependentSchemas']) {
      if (s[key] && typeof s[key] === 'object') Object.values(s[key] as object).forEach(schema);
    }
    for (const key of ['allOf', 'anyOf', 'oneOf', 'prefixItems']) if (Array.isArray(s[key])) (s[key] as unknown[]).forEach(schema);
    for (const key of ['items', 'not', 'if', 'then', 'else', 'additionalProperties', 'unevaluatedProperties', 'contains']) schema(s[key]);
  };
  Object.values(document.components?.schemas ?? {}).forEach(schema);
  const holders = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(holders);
    if (!node || typeof node !== 'object') return;
    for (const [key, value] of Object.entries(node)) {
      if (key === 'schema') schema(value);
      else if (key !== 'example' && key !== 'examples') holders(value);
    }
  };
  holders(document.paths);
  return found;
}

/** Every object's keys in order, so the committed document diffs cleanly. Arrays keep their order. */
export function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((k) => [k, sortKeys((value as Record<string, unknown>)[k])]),
    );
  }
  return value;
}
