import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, OpenAPIObject, ParameterObject, ResponseObject, SwaggerModule } from '@nestjs/swagger';
import { API_KEY_HEADER, API_KEY_SCHEME, SCOPES } from '../api-keys/scope-names';
import { ProblemCode } from '../problems/problem-code';
import { problemResponse, problemSchemas } from './api-errors';

const DESCRIPTION = `Customers of small shops in India pay their credit (khata) back through PhonePe/UPI, outside any app,
and claim it here. A claim stays **pending** until the business confirms the money arrived: approval writes the
ledger entry and lowers the balance atomically and exactly once; rejection records a reason.

- **Money** is a decimal string with at most two decimals (\`"250"\`, \`"250.50"\`); responses always have two.
- **Errors** are \`application/problem+json\` (RFC 9457) with a stable \`code\`: ${Object.values(ProblemCode)
  .map((c) => `\`${c}\``)
  .join(', ')}.
- **Lists** take \`limit\` (1-100, default 20) and \`cursor\` (the previous page's \`nextCursor\`).
- **API keys**: an integrator sends \`X-Api-Key: kp_...\` instead of a token; each operation's \`x-scopes\` says which scopes it needs.
- **Retries**: \`POST /payments\` needs an \`Idempotency-Key\`; ledger entries accept one.`;

/**
 * The document (OpenAPI 3.1, its schemas JSON Schema 2020-12), with operationIds taken from the controller method
 * names. @nestjs/swagger writes `nullable` as 3.1 null types when asked for 3.1; what it still writes the 3.0 way
 * is rewritten by `toJsonSchema2020`. scripts/check-responses.mjs holds every response of the tests to it.
 */
export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('Khata Pay API')
    .setDescription(DESCRIPTION)
    .setOpenAPIVersion('3.1.0')
    .setVersion('1.0.0')
    .setLicense('Proprietary', 'https://example.com/license')
    .addServer('/', 'This server')
    .addBearerAuth({
      type: 'http',
      scheme: 'bearer',
      bearerFormat: 'JWT',
      description: 'Access token from /auth/login, /auth/register or /auth/refresh',
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
    )
    .build();
  const document = SwaggerModule.createDocument(app, config, {
    operationIdFactory: (_controller: string, method: string) => method,
  });
  const problemStatuses = describeCommonParts(document);
  Object.assign(document.components!.schemas!, problemSchemas(problemStatuses));
  toJsonSchema2020(document);
  return sortKeys(document) as OpenAPIObject;
}

const SUCCESS: Record<string, string> = { '200': 'OK', '201': 'Created', '204': 'No content' };

const IDEMPOTENT_REPLAY = {
  description: 'Present on a replay: this is the stored response of the first request with the same Idempotency-Key',
  schema: { type: 'string', enum: ['true'] },
};

/**
 * What every operation shares, said once here rather than on each method: id parameters, success texts, the 415
 * of every operation that takes a body (Fastify refuses any other content type before the route runs), and what
 * an Idempotency-Key brings (the replay header, 409 while the first request runs, 422 for another body).
 * Returns the statuses of the problems the operations answer with (each has its schema, `Problem<status>`).
 */
function describeCommonParts(document: OpenAPIObject): number[] {
  const problemStatuses = new Set<number>();
  for (const item of Object.values(document.paths)) {
    for (const [method, operation] of [
      ['get', item.get],
      ['post', item.post],
      ['patch', item.patch],
      ['put', item.put],
      ['delete', item.delete],
    ] as const) {
      if (!operation) continue;
      if (method === 'post' || method === 'patch' || method === 'put') operation.responses['415'] ??= problemResponse(415);
      const parameters = (operation.parameters ?? []) as ParameterObject[];
      if (parameters.some((p) => p.in === 'header' && p.name === 'Idempotency-Key')) {
        operation.responses['409'] ??= problemResponse(409);
        operation.responses['422'] ??= problemResponse(422);
        for (const [status, response] of Object.entries(operation.responses)) {
          if (status.startsWith('2')) (response as ResponseObject).headers = { 'Idempotent-Replayed': IDEMPOTENT_REPLAY };
        }
      }
      // Every secured operation refuses API keys it does not accept, and keys without its scopes, with a 403.
      if (operation.security?.length) operation.responses['403'] ??= problemResponse(403);
      // Public operations say so explicitly.
      operation.security ??= [];
      for (const parameter of operation.parameters ?? []) {
        if ('in' in parameter && parameter.in === 'path' && parameter.name.endsWith('Id')) {
          parameter.schema = { type: 'string', format: 'uuid' };
          parameter.description ??= `The ${parameter.name.replace(/Id$/, '')}'s id`;
        }
      }
      for (const [status, response] of Object.entries(operation.responses ?? {})) {
        if (response && 'description' in response && !response.description) response.description = SUCCESS[status] ?? 'Success';
        if ((response as ResponseObject).content?.['application/problem+json']) problemStatuses.add(Number(status));
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
