import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { problemForConstraint } from '../database/constraint-problems';
import { DomainError } from './domain-error';
import { PROBLEM_STATUS, PROBLEM_TITLE, ProblemCode } from './problem-code';

/** PostgreSQL SQLSTATEs that mean "the database is not there right now", not "your request is wrong". */
const UNAVAILABLE_SQLSTATES = new Set([
  '57P01',
  '57P02',
  '57P03',
  '57014',
  '53300',
  '08000',
  '08003',
  '08006',
  '08001',
  '08004',
  '25P03',
  '40001',
  '40P01',
]);
const UNAVAILABLE_MESSAGES = [
  'Connection terminated',
  'timeout exceeded when trying to connect',
  'Connection ended unexpectedly',
  'connect ECONNREFUSED',
  'Client has encountered a connection error',
  'Query read timeout',
  'terminating connection',
  'ECONNRESET',
  'Client was closed',
  'Cannot use a pool after calling end',
];

export function isDatabaseUnavailable(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const sqlState = (error as { code?: unknown }).code ?? (error as { driverError?: { code?: unknown } }).driverError?.code;
  if (typeof sqlState === 'string' && UNAVAILABLE_SQLSTATES.has(sqlState)) return true;
  if (typeof sqlState === 'string' && ['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT'].includes(sqlState)) return true;
  return UNAVAILABLE_MESSAGES.some((m) => error.message.includes(m));
}

/** Fastify's own errors (body parsing, limits) arrive as HttpExceptions; give each a stable code. */
function codeForHttpStatus(status: number): ProblemCode {
  switch (status) {
    case 400:
      return ProblemCode.ValidationFailed;
    case 401:
      return ProblemCode.Unauthenticated;
    case 403:
      return ProblemCode.ForbiddenRole;
    case 404:
      return ProblemCode.NotFound;
    case 413:
      return ProblemCode.PayloadTooLarge;
    case 415:
      return ProblemCode.UnsupportedMediaType;
    case 429:
      return ProblemCode.RateLimited;
    case 503:
      return ProblemCode.DatabaseUnavailable;
    default:
      return status >= 500 ? ProblemCode.Internal : ProblemCode.ValidationFailed;
  }
}

interface Problem {
  code: ProblemCode;
  detail: string;
  extensions: Record<string, unknown>;
  headers: Record<string, string>;
}

/** Every error becomes an `application/problem+json` answer with a stable `code` (the one place that maps them). */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  private readonly logger = new Logger('Problems');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    const problem = this.toProblem(exception);
    const status = PROBLEM_STATUS[problem.code];
    if (status >= 500 && problem.code !== ProblemCode.DatabaseUnavailable) {
      this.logger.error(`${request.method} ${request.url}: ${exception instanceof Error ? exception.stack : String(exception)}`);
    } else if (problem.code === ProblemCode.DatabaseUnavailable) {
      this.logger.warn(
        `${request.method} ${request.url}: database unavailable: ${exception instanceof Error ? exception.message : String(exception)}`,
      );
    }
    if (reply.sent) return;
    for (const [name, value] of Object.entries(problem.headers)) void reply.header(name, value);
    void reply
      .status(status)
      .type('application/problem+json')
      .send({
        type: `urn:khata-pay:problem:${problem.code}`,
        title: PROBLEM_TITLE[problem.code],
        status,
        detail: problem.detail,
        code: problem.code,
        instance: request.url.split('?')[0],
        ...problem.extensions,
      });
  }

  private toProblem(exception: unknown): Problem {
    if (exception instanceof DomainError) {
      return { code: exception.code, detail: exception.message, extensions: exception.extensions, headers: exception.headers };
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const code = codeForHttpStatus(status);
      const response = exception.getResponse();
      let detail = exception.message;
      if (typeof response === 'object' && response && 'message' in response) {
        const message = (response as { message: unknown }).message;
        detail = Array.isArray(message) ? message.join('; ') : String(message);
      }
      if (code === ProblemCode.NotFound) detail = 'No such resource';
      if (code === ProblemCode.Unauthenticated) detail = 'A valid access token is required (Authorization: Bearer ...)';
      if (code === ProblemCode.PayloadTooLarge) detail = 'The request body is larger than the API accepts';
      if (code === ProblemCode.Internal) detail = PROBLEM_TITLE[ProblemCode.Internal];
      // The readiness check's 503: the database does not answer, as below.
      if (code === ProblemCode.DatabaseUnavailable) return this.databaseUnavailable();
      return { code, detail, extensions: {}, headers: {} };
    }
    const refused = problemForConstraint(exception);
    if (refused) return { code: refused.code, detail: refused.message, extensions: {}, headers: {} };
    if (isDatabaseUnavailable(exception)) return this.databaseUnavailable();
    return { code: ProblemCode.Internal, detail: PROBLEM_TITLE[ProblemCode.Internal], extensions: {}, headers: {} };
  }

  private databaseUnavailable(): Problem {
    return {
      code: ProblemCode.DatabaseUnavailable,
      detail: 'The database is not reachable right now; try again shortly',
      extensions: {},
      headers: { 'retry-after': '1' },
    };
  }
}
