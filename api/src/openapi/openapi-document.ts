import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { ProblemCode } from '../problems/problem-code';

const DESCRIPTION = `Customers of small shops in India pay their credit (khata) back through PhonePe/UPI, outside any app,
and claim it here. A claim stays **pending** until the business confirms the money arrived: approval writes the
ledger entry and lowers the balance atomically and exactly once; rejection records a reason.

- **Money** is a decimal string with at most two decimals (\`"250"\`, \`"250.50"\`); responses always have two.
- **Errors** are \`application/problem+json\` (RFC 9457) with a stable \`code\`: ${Object.values(ProblemCode)
  .map((c) => `\`${c}\``)
  .join(', ')}.
- **Lists** take \`limit\` (1-100, default 20) and \`cursor\` (the previous page's \`nextCursor\`).
- **Retries**: \`POST /payments\` needs an \`Idempotency-Key\`; ledger entries accept one.`;

/** The document, with operationIds taken from the controller method names. */
export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('Khata Pay API')
    .setDescription(DESCRIPTION)
    .setVersion('1.0.0')
    .setLicense('Proprietary', 'https://example.com/license')
    .addServer('/', 'This server')
    .addBearerAuth({
      type: 'http',
      scheme: 'bearer',
      bearerFormat: 'JWT',
      description: 'Access token from /auth/login, /auth/register or /auth/refresh',
    })
    .build();
  const document = SwaggerModule.createDocument(app, config, {
    operationIdFactory: (_controller: string, method: string) => method,
  });
  describeCommonParts(document);
  return sortKeys(document) as OpenAPIObject;
}

const SUCCESS: Record<string, string> = { '200': 'OK', '201': 'Created', '204': 'No content' };

/** What every operation shares, said once here rather than on each method: id parameters, success texts. */
function describeCommonParts(document: OpenAPIObject): void {
  for (const item of Object.values(document.paths)) {
    for (const operation of [item.get, item.post, item.patch, item.put, item.delete]) {
      if (!operation) continue;
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
      }
    }
  }
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
