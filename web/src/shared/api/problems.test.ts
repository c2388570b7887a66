import { describe, expect, it } from 'vitest';
import { describeError, formatWait, withRetryAfter } from './problems';

const rateLimited = { type: 'urn:khata-pay:problem:RATE_LIMITED', title: 'Too many attempts', status: 429, code: 'RATE_LIMITED' as const };
const response = (headers: Record<string, string>) => new Response(null, { status: 429, headers });

describe('the wait a 429 asks for, in words', () => {
  it.each([
    [1, '1 second'],
    [40, '40 seconds'],
    [59, '59 seconds'],
    [60, '1 minute'],
    [61, '2 minutes'],
    [892, '15 minutes'],
    [900, '15 minutes'],
    [3599, '60 minutes'],
    [3600, '1 hour'],
    [5400, '2 hours'],
  ])('%i s is "%s" (rounded up: waiting that long is enough)', (seconds, words) => {
    expect(formatWait(seconds)).toBe(words);
  });

  it('the forms say the real wait from Retry-After', () => {
    const error = withRetryAfter(rateLimited, response({ 'Retry-After': '892' }));
    expect(describeError(error)).toBe('Too many tries. Try again in 15 minutes.');
    expect(describeError(withRetryAfter(rateLimited, response({ 'Retry-After': '40' })))).toBe('Too many tries. Try again in 40 seconds.');
  });

  it('understands an HTTP date too, and falls back to general words without a usable header', () => {
    const now = Date.parse('2026-11-27T10:00:00Z');
    const dated = withRetryAfter(rateLimited, response({ 'Retry-After': 'Fri, 27 Nov 2026 10:02:00 GMT' }), now);
    expect(describeError(dated)).toBe('Too many tries. Try again in 2 minutes.');
    expect(describeError(withRetryAfter(rateLimited, response({})))).toBe('Too many tries. Please wait a few minutes and try again.');
    expect(describeError(withRetryAfter(rateLimited, response({ 'Retry-After': 'soon' })))).toBe(
      'Too many tries. Please wait a few minutes and try again.',
    );
  });

  it('leaves anything that is not a problem alone', () => {
    const network = new TypeError('Failed to fetch');
    expect(withRetryAfter(network, undefined)).toBe(network);
    expect(withRetryAfter('text', response({ 'Retry-After': '5' }))).toBe('text');
  });
});
