import { applyDecorators } from '@nestjs/common';
import { ApiBearerAuth, ApiExtraModels, ApiResponse, getSchemaPath } from '@nestjs/swagger';
import type { HeaderObject, ResponseObject, SchemaObject } from '@nestjs/swagger';
import { PROBLEM_STATUS, ProblemCode } from '../problems/problem-code';
import { ProblemDetails } from '../problems/problem-details';

/** What an error status means; its codes are listed from PROBLEM_STATUS, so a new code is documented by itself. */
const MEANINGS: Record<number, string> = {
  400: 'The request is not valid',
  401: 'No valid access token, or an unknown or revoked API key',
  403: 'Authenticated with a role that cannot do this, or with an API key that this operation does not accept or that lacks its scopes',
  404: 'Not found, or not yours',
  409: 'The state does not allow it (`PAYMENT_NOT_PENDING` says `currentStatus`)',
  413: 'The body is too large',
  415: 'The body is not JSON',
  422: 'The Idempotency-Key was used with another body',
  429: 'Too many attempts; see `Retry-After`',
  503: 'The database is unreachable; retry after `Retry-After` seconds',
};

const codesOf = (status: number) => (Object.keys(PROBLEM_STATUS) as ProblemCode[]).filter((code) => PROBLEM_STATUS[code] === status);

const DESCRIPTIONS: Record<number, string> = Object.fromEntries(
  Object.entries(MEANINGS).map(([status, meaning]) => [
    status,
    `${meaning}: ${codesOf(Number(status))
      .map((c) => `\`${c}\``)
      .join(', ')}`,
  ]),
);

/** Answers that tell the client when to come back. */
const RETRY_AFTER: Record<number, HeaderObject> = {
  429: { required: true, description: 'Seconds until another attempt is counted', schema: { type: 'integer', minimum: 1 } },
  503: { required: true, description: 'Seconds to wait before retrying', schema: { type: 'integer', minimum: 1 } },
};

/** The name of the schema of a problem with this status, e.g. `Problem404`. */
const problemSchemaName = (status: number) => `Problem${status}`;

/**
 * The schemas of the problems with these statuses: each a ProblemDetails whose `status` is that status and whose
 * `code` is one of the codes that have it (PROBLEM_STATUS), so the document says exactly which codes each status
 * can carry. buildOpenApiDocument adds those that the operations refer to.
 */
export function problemSchemas(statuses: number[]): Record<string, SchemaObject> {
  return Object.fromEntries(
    statuses.map((status) => [
      problemSchemaName(status),
      {
        description: `A problem with status ${status}`,
        allOf: [
          { $ref: getSchemaPath(ProblemDetails) },
          {
            type: 'object',
            properties: {
              status: { const: status },
              code: { enum: codesOf(status) },
            },
            required: ['status', 'code'],
          },
        ],
      } as SchemaObject,
    ]),
  );
}

/** The documented response of a problem with this status (`application/problem+json`, RFC 9457). */
export function problemResponse(status: number, description = DESCRIPTIONS[status]): ResponseObject {
  return {
    description,
    content: { 'application/problem+json': { schema: { $ref: `#/components/schemas/${problemSchemaName(status)}` } } },
    ...(RETRY_AFTER[status] ? { headers: { 'Retry-After': RETRY_AFTER[status] } } : {}),
  };
}

/** The error responses of an operation, each a problem+json document. Every operation may answer 400, 413 and 503. */
export function ApiErrors(...statuses: number[]) {
  const all = [...new Set([400, 413, 503, ...statuses])].sort();
  return applyDecorators(ApiExtraModels(ProblemDetails), ...all.map((status) => ApiResponse({ status, ...problemResponse(status) })));
}

/** An operation that needs an access token: documents the bearer scheme and the 401. */
export function ApiAuth(...statuses: number[]) {
  return applyDecorators(ApiBearerAuth(), ApiErrors(401, ...statuses));
}
