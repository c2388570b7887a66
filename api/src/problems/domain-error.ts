import { ProblemCode } from './problem-code';

/** A rule of the domain was broken. Services throw these; one global filter turns them into problem+json. */
export class DomainError extends Error {
  constructor(
    readonly code: ProblemCode,
    message?: string,
    /** Extra members of the problem document, e.g. `currentStatus` or `errors`. */
    readonly extensions: Record<string, unknown> = {},
    /** Extra response headers, e.g. `Retry-After`. */
    readonly headers: Record<string, string> = {},
  ) {
    super(message ?? code);
  }
}
