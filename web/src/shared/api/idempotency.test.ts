import { MutationObserver, QueryClient } from '@tanstack/react-query';
import { describe, expect, it } from 'vitest';
import { createIdempotency, idempotentMutationOptions, newIdempotencyKey } from './idempotency';

function counter() {
  let n = 0;
  return () => `key-${++n}`;
}

describe('one Idempotency-Key per intended operation', () => {
  it('reuses the key for the same body, takes a new one for another body, and after a success', () => {
    const idempotency = createIdempotency(counter());
    expect(idempotency.keyFor({ amount: '300' })).toBe('key-1');
    expect(idempotency.keyFor({ amount: '300' })).toBe('key-1'); // a double tap, a retry
    expect(idempotency.keyFor({ amount: '350' })).toBe('key-2'); // the customer changed the amount: another claim
    idempotency.done();
    expect(idempotency.keyFor({ amount: '350' })).toBe('key-3'); // the same claim again, on purpose, after it went through
  });

  it('makes version 4 UUIDs', () => {
    expect(newIdempotencyKey()).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});

describe('an idempotent mutation (TanStack Query, the generated options)', () => {
  /** A stand-in for a generated `*Mutation()`: records the headers of each call, fails while told to. */
  function fakeEndpoint() {
    const sent: { key: string; body: unknown }[] = [];
    let failNext = 0;
    return {
      sent,
      failTimes: (n: number) => (failNext = n),
      options: {
        mutationFn: async (variables: { body: { amount: string }; headers: { 'Idempotency-Key': string } }) => {
          sent.push({ key: variables.headers['Idempotency-Key'], body: variables.body });
          if (failNext > 0) {
            failNext -= 1;
            throw new TypeError('Failed to fetch');
          }
          return { id: `claim-${sent.length}` };
        },
      },
    };
  }

  it('retries a failed send with the same key, and sends the next operation with a new key', async () => {
    const endpoint = fakeEndpoint();
    const succeeded: string[] = [];
    const observer = new MutationObserver(
      new QueryClient(),
      idempotentMutationOptions(endpoint.options, { onSuccess: (data) => void succeeded.push(data.id) }, createIdempotency(counter())),
    );
    endpoint.failTimes(1);
    await expect(observer.mutate({ body: { amount: '300' } })).rejects.toThrow('Failed to fetch');
    await observer.mutate({ body: { amount: '300' } }); // "Try again" after the network error
    await observer.mutate({ body: { amount: '300' } }); // a second claim of the same amount, made on purpose
    expect(endpoint.sent.map((s) => s.key)).toEqual(['key-1', 'key-1', 'key-2']);
    expect(succeeded).toEqual(['claim-2', 'claim-3']);
  });

  it('a changed body after a failure is a new operation', async () => {
    const endpoint = fakeEndpoint();
    const observer = new MutationObserver(new QueryClient(), idempotentMutationOptions(endpoint.options, {}, createIdempotency(counter())));
    endpoint.failTimes(1);
    await expect(observer.mutate({ body: { amount: '300' } })).rejects.toThrow();
    await observer.mutate({ body: { amount: '250' } });
    expect(endpoint.sent).toEqual([
      { key: 'key-1', body: { amount: '300' } },
      { key: 'key-2', body: { amount: '250' } },
    ]);
  });
});
