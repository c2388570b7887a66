import { applyDecorators } from '@nestjs/common';
import { ApiBearerAuth, ApiExtension, ApiExtraModels, getSchemaPath } from '@nestjs/swagger';
import type { HeaderObject, OperationObject, ParameterObject, ResponseObject, SchemaObject } from '@nestjs/swagger';
import { PROBLEM_STATUS, PROBLEM_TITLE, ProblemCode } from '../problems/problem-code';
import { ProblemDetails } from '../problems/problem-details';

/**
 * Which problem codes an operation can answer with, exactly: the document lists them per operation and status
 * (`code` is an enum of those codes), and `scripts/check-problem-codes.mjs` holds the list to what the tests see.
 *
 * Most codes follow from how the operation is declared, so they are derived (`operationProblems`):
 * - an access token (`@ApiAuth()`, i.e. not `@Public()`): `UNAUTHENTICATED`; `@Roles(...)`: `FORBIDDEN_ROLE`;
 * - an `X-Api-Key` instead (any secured operation): `API_KEY_INVALID`; then with `@Scopes(...)`
 *   `INSUFFICIENT_SCOPE` and `RATE_LIMITED` (the key's own budget), without it `API_KEY_NOT_ALLOWED`;
 * - a body, a query, a path or header parameter: `VALIDATION_FAILED`; a JSON body: `PAYLOAD_TOO_LARGE` and
 *   `UNSUPPORTED_MEDIA_TYPE`;
 * - `@Idempotent()`: `IDEMPOTENCY_KEY_REUSED`, `IDEMPOTENCY_REQUEST_IN_PROGRESS` (and `IDEMPOTENCY_KEY_REQUIRED`
 *   when the key is required); `@RateLimit()`: `RATE_LIMITED`;
 * - every operation that reads the database: `DATABASE_UNAVAILABLE` (`@WithoutDatabase()` for those that do not).
 * What the operation itself refuses is listed with `@Problems(ProblemCode.PaymentNotFound, ...)`: one line.
 */
export function Problems(...codes: ProblemCode[]) {
  return applyDecorators(ApiExtraModels(ProblemDetails), ApiExtension(PROBLEMS, codes));
}

/** The operation never touches the database, so it cannot answer `DATABASE_UNAVAILABLE`. */
export const WithoutDatabase = () => ApiExtension(WITHOUT_DATABASE, true);

/**
 * An operation that needs an access token: documents the bearer scheme (and so `UNAUTHENTICATED`). Statuses given
 * here (the old way) are not read: the codes come from the declaration and `@Problems`.
 */
export function ApiAuth(..._statuses: number[]) {
  return applyDecorators(ApiExtraModels(ProblemDetails), ApiBearerAuth());
}

/** @deprecated The statuses are not read any more: list the operation's own codes with `@Problems(...)`. */
export function ApiErrors(..._statuses: number[]) {
  return ApiExtraModels(ProblemDetails);
}

/** Markers the decorators leave on an operation for `describeProblems`, which removes them. */
const PROBLEMS = 'x-problems';
const WITHOUT_DATABASE = 'x-without-database';
export const RATE_LIMITED = 'x-rate-limited';
/** Written by `@Scopes(...)` and kept in the document: the scopes an API key needs for the operation. */
export const SCOPES = 'x-scopes';

/** What an error status means; the codes each operation can answer with follow it in the response's description. */
const MEANINGS: Record<number, string> = {
  400: 'The request is not valid',
  401: 'No valid access token, or an unknown or revoked API key',
  403: 'Authenticated with a role that cannot do this, or with an API key that this operation does not accept or that lacks its scopes',
  404: 'Not found, or not yours',
  409: 'The state does not allow it',
  413: 'The body is too large',
  415: 'The body is not JSON',
  422: 'The Idempotency-Key was used with another body',
  429: 'Too many attempts; see `Retry-After`',
  503: 'The database is unreachable; retry after `Retry-After` seconds',
};

/** Answers that tell the client when to come back. */
const RETRY_AFTER: Record<number, HeaderObject> = {
  429: {
    required: true,
    description: 'Seconds until another attempt is counted',
    schema: { type: 'integer', format: 'int32', minimum: 1, maximum: 86400 },
  },
  503: {
    required: true,
    description: 'Seconds to wait before retrying',
    schema: { type: 'integer', format: 'int32', minimum: 1, maximum: 3600 },
  },
};

export const IDEMPOTENT_REPLAY: HeaderObject = {
  description: 'Present on a replay: this is the stored response of the first request with the same Idempotency-Key',
  schema: { type: 'string', enum: ['true'] },
};

/** The name of the schema of a problem with this status, e.g. `Problem404`. */
const problemSchemaName = (status: number) => `Problem${status}`;

export const codesOf = (status: number) => (Object.keys(PROBLEM_STATUS) as ProblemCode[]).filter((code) => PROBLEM_STATUS[code] === status);

/**
 * The schemas of the problems with these statuses: each a ProblemDetails whose `status` is that status and whose
 * `code` is one of the codes that have it (PROBLEM_STATUS). An operation's response narrows `code` further.
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
            properties: { status: { const: status }, code: { enum: codesOf(status) } },
            required: ['status', 'code'],
          },
        ],
      } as SchemaObject,
    ]),
  );
}

/** A detail as the API writes it, for the examples (the title where the detail says no more). */
const EXAMPLE_DETAIL: Partial<Record<ProblemCode, string>> = {
  [ProblemCode.ValidationFailed]: 'amount must be a positive amount as a string with at most two decimals, e.g. "250.50"',
  [ProblemCode.Unauthenticated]: 'A valid access token is required (Authorization: Bearer ...)',
  [ProblemCode.PaymentNotPending]: 'Payment 3f0c6a52-9d2b-4e8f-a1c7-5b6d4e3f2a10 is already approved',
  [ProblemCode.RateLimited]: 'Too many attempts; try again in 60 seconds',
  [ProblemCode.PayloadTooLarge]: 'The request body is larger than the API accepts',
};

const EXAMPLE_ID = '3f0c6a52-9d2b-4e8f-a1c7-5b6d4e3f2a10';

/** An example problem document with this code, as the filter writes it for a request to `path`. */
export function problemExample(code: ProblemCode, path: string): Record<string, unknown> {
  const extensions: Record<string, unknown> = {};
  if (code === ProblemCode.ValidationFailed) {
    extensions.errors = [{ field: 'amount', message: EXAMPLE_DETAIL[code] }];
  }
  if (code === ProblemCode.PaymentNotPending) extensions.currentStatus = 'approved';
  if (code === ProblemCode.AlreadyLinked) Object.assign(extensions, { accountId: EXAMPLE_ID, canMerge: true });
  return {
    type: `urn:khata-pay:problem:${code}`,
    title: PROBLEM_TITLE[code],
    status: PROBLEM_STATUS[code],
    detail: EXAMPLE_DETAIL[code] ?? PROBLEM_TITLE[code],
    code,
    instance: path.replace(/\{[^}]+\}/g, EXAMPLE_ID),
    ...extensions,
  };
}

/** The codes an operation can answer with: derived from its declaration, plus its own (`@Problems`). */
export function operationProblems(method: string, operation: OperationObject): ProblemCode[] {
  const extensions = operation as unknown as Record<string, unknown>;
  const codes = new Set<ProblemCode>((extensions[PROBLEMS] as ProblemCode[] | undefined) ?? []);
  const parameters = (operation.parameters ?? []) as ParameterObject[];
  const hasBody = !!operation.requestBody;
  if ((operation.security ?? []).length > 0) {
    codes.add(ProblemCode.Unauthenticated);
    // A request with an API key is judged by the key alone (JwtAuthGuard): unknown or revoked, then whether the
    // operation takes keys at all (`@Scopes`), then the scopes and the key's own rate limit.
    codes.add(ProblemCode.ApiKeyInvalid);
    if (extensions[SCOPES]) {
      codes.add(ProblemCode.InsufficientScope);
      codes.add(ProblemCode.RateLimited);
    } else {
      codes.add(ProblemCode.ApiKeyNotAllowed);
    }
  }
  if (extensions['x-roles']) codes.add(ProblemCode.ForbiddenRole);
  if (hasBody || parameters.length > 0) codes.add(ProblemCode.ValidationFailed);
  if (['post', 'put', 'patch'].includes(method)) {
    codes.add(ProblemCode.PayloadTooLarge);
    codes.add(ProblemCode.UnsupportedMediaType);
    // A POST without a body still has its JSON parsed if one is sent: a broken one is a 400.
    codes.add(ProblemCode.ValidationFailed);
  }
  const idempotencyKey = parameters.find((p) => p.in === 'header' && p.name === 'Idempotency-Key');
  if (idempotencyKey) {
    codes.add(ProblemCode.IdempotencyKeyReused);
    codes.add(ProblemCode.IdempotencyRequestInProgress);
    if (idempotencyKey.required) codes.add(ProblemCode.IdempotencyKeyRequired);
  }
  if (extensions[RATE_LIMITED]) codes.add(ProblemCode.RateLimited);
  if (!extensions[WITHOUT_DATABASE]) codes.add(ProblemCode.DatabaseUnavailable);
  return [...codes].sort();
}

/**
 * Writes an operation's error responses from its codes: per status, a problem whose `code` is an enum of exactly
 * the codes with that status, an example of each, and the headers (`Retry-After`; `Idempotent-Replayed` on what
 * a replay can return). Removes the decorators' markers. Returns the statuses used.
 */
export function describeProblems(method: string, path: string, operation: OperationObject): number[] {
  const codes = operationProblems(method, operation);
  const extensions = operation as unknown as Record<string, unknown>;
  for (const marker of [PROBLEMS, WITHOUT_DATABASE, RATE_LIMITED]) delete extensions[marker];
  const idempotent = ((operation.parameters ?? []) as ParameterObject[]).some((p) => p.in === 'header' && p.name === 'Idempotency-Key');
  const statuses = [...new Set(codes.map((code) => PROBLEM_STATUS[code]))].sort();
  for (const status of statuses) {
    const own = codes.filter((code) => PROBLEM_STATUS[code] === status);
    const headers: Record<string, HeaderObject> = { ...(RETRY_AFTER[status] ? { 'Retry-After': RETRY_AFTER[status] } : {}) };
    if (idempotent && status < 500 && status !== 429) headers['Idempotent-Replayed'] = IDEMPOTENT_REPLAY;
    const response: ResponseObject = {
      description: `${MEANINGS[status] ?? 'A problem'}: ${own.map((c) => `\`${c}\``).join(', ')}`,
      content: {
        'application/problem+json': {
          schema: {
            allOf: [
              { $ref: `#/components/schemas/${problemSchemaName(status)}` },
              { type: 'object', properties: { code: { enum: own } }, required: ['code'] },
            ],
          } as SchemaObject,
          examples: Object.fromEntries(own.map((code) => [code, { summary: PROBLEM_TITLE[code], value: problemExample(code, path) }])),
        },
      },
      ...(Object.keys(headers).length > 0 ? { headers } : {}),
    };
    operation.responses[String(status)] = response;
  }
  return statuses;
}
