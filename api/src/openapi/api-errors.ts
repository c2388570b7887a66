import { applyDecorators } from '@nestjs/common';
import { ApiBearerAuth, ApiExtraModels, ApiResponse, getSchemaPath } from '@nestjs/swagger';
import type { HeaderObject, ResponseObject, SchemaObject } from '@nestjs/swagger';
import { PROBLEM_STATUS, ProblemCode } from '../problems/problem-code';
import { ProblemDetails } from '../problems/problem-details';

const DESCRIPTIONS: Record<number, string> = {
  400: 'The request is not valid (`VALIDATION_FAILED`, `IDEMPOTENCY_KEY_REQUIRED`)',
  401: 'No valid access token (`UNAUTHENTICATED`)',
  403: 'Authenticated with a role that cannot do this (`FORBIDDEN_ROLE`)',
  404: 'Not found, or not yours (`NOT_FOUND`, `PAYMENT_NOT_FOUND`, `ACCOUNT_NOT_FOUND`, `BUSINESS_NOT_FOUND`, `CODE_NOT_FOUND`)',
  409: 'The state does not allow it (`PAYMENT_NOT_PENDING` with `currentStatus`, `UTR_IN_USE`, `TOO_MANY_PENDING`, `PHONE_TAKEN`, `CUSTOMER_EXISTS`, `ALREADY_LINKED`, `BALANCE_OUT_OF_RANGE`, `ACCOUNT_MERGED`, `ACCOUNT_HAS_PENDING_CLAIMS`, `ACCOUNTS_NOT_MERGEABLE`, `IDEMPOTENCY_REQUEST_IN_PROGRESS`)',
  413: 'The body is too large (`PAYLOAD_TOO_LARGE`)',
  415: 'The body is not JSON (`UNSUPPORTED_MEDIA_TYPE`)',
  422: 'The Idempotency-Key was used with another body (`IDEMPOTENCY_KEY_REUSED`)',
  429: 'Too many attempts (`RATE_LIMITED`); see `Retry-After`',
  503: 'The database is unreachable (`DATABASE_UNAVAILABLE`); retry after `Retry-After` seconds',
};

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
              code: { enum: Object.values(ProblemCode).filter((c) => PROBLEM_STATUS[c] === status) },
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
