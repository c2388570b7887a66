import { applyDecorators } from '@nestjs/common';
import { ApiBearerAuth, ApiExtraModels, ApiResponse, getSchemaPath } from '@nestjs/swagger';
import { ProblemDetails } from '../problems/problem-details';

const DESCRIPTIONS: Record<number, string> = {
  400: 'The request is not valid (`VALIDATION_FAILED`, `IDEMPOTENCY_KEY_REQUIRED`)',
  401: 'No valid access token (`UNAUTHENTICATED`)',
  403: 'Authenticated with a role that cannot do this (`FORBIDDEN_ROLE`)',
  404: 'Not found, or not yours (`NOT_FOUND`, `PAYMENT_NOT_FOUND`, `ACCOUNT_NOT_FOUND`, `BUSINESS_NOT_FOUND`, `CODE_NOT_FOUND`)',
  409: 'The state does not allow it (`PAYMENT_NOT_PENDING` with `currentStatus`, `UTR_IN_USE`, `TOO_MANY_PENDING`, `PHONE_TAKEN`, `CUSTOMER_EXISTS`, `ALREADY_LINKED`, `BALANCE_OUT_OF_RANGE`, `ACCOUNT_MERGED`, `ACCOUNT_HAS_PENDING_CLAIMS`, `ACCOUNTS_NOT_MERGEABLE`)',
  413: 'The body is too large (`PAYLOAD_TOO_LARGE`)',
  422: 'The Idempotency-Key was used with another body (`IDEMPOTENCY_KEY_REUSED`)',
  429: 'Too many attempts (`RATE_LIMITED`); see `Retry-After`',
  503: 'The database is unreachable (`DATABASE_UNAVAILABLE`); retry',
};

function problem(status: number, description = DESCRIPTIONS[status]) {
  return ApiResponse({ status, description, content: { 'application/problem+json': { schema: { $ref: getSchemaPath(ProblemDetails) } } } });
}

/** The error responses of an operation, each a problem+json document. Every operation may answer 400, 413 and 503. */
export function ApiErrors(...statuses: number[]) {
  const all = [...new Set([400, 413, 503, ...statuses])].sort();
  return applyDecorators(ApiExtraModels(ProblemDetails), ...all.map((status) => problem(status)));
}

/** An operation that needs an access token: documents the bearer scheme and the 401. */
export function ApiAuth(...statuses: number[]) {
  return applyDecorators(ApiBearerAuth(), ApiErrors(401, ...statuses));
}
