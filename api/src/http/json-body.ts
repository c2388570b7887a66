import type { FastifyInstance } from 'fastify';
import { DomainError } from '../problems/domain-error';
import { ProblemCode } from '../problems/problem-code';

/** Deeper than any request of this API; deeper documents only serve to exhaust the stack of a validator. */
export const MAX_JSON_DEPTH = 32;

/** Depth of a parsed JSON value, measured without recursion (so it cannot itself overflow). */
export function jsonDepth(value: unknown): number {
  let max = 0;
  const stack: [unknown, number][] = [[value, 1]];
  while (stack.length > 0) {
    const [current, depth] = stack.pop()!;
    if (current === null || typeof current !== 'object') continue;
    max = Math.max(max, depth);
    for (const child of Object.values(current)) stack.push([child, depth + 1]);
  }
  return max;
}

/**
 * Replaces Fastify's JSON body parser with one that also refuses bodies nested deeper than MAX_JSON_DEPTH
 * (a clear 400 rather than a stack overflow deep in validation) and prototype-polluting keys.
 */
export function installJsonBodyParser(fastify: FastifyInstance): void {
  // Fastify also parses text/plain by default: a JSON body sent as text then reached validation as a string and
  // was refused field by field. JSON is the only body this API takes; anything else is a 415.
  fastify.removeContentTypeParser('text/plain');
  fastify.removeContentTypeParser('application/json');
  fastify.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, body, done) => {
    const text = body as string;
    if (text.trim() === '') {
      done(null, undefined);
      return;
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(text, (key, value) => (key === '__proto__' || key === 'constructor' ? undefined : value));
    } catch {
      done(new DomainError(ProblemCode.ValidationFailed, 'The body is not valid JSON'), undefined);
      return;
    }
    if (jsonDepth(parsed) > MAX_JSON_DEPTH) {
      done(new DomainError(ProblemCode.ValidationFailed, `The body is nested deeper than ${MAX_JSON_DEPTH} levels`), undefined);
      return;
    }
    done(null, parsed);
  });
}
