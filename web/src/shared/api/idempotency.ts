import type { UseMutationOptions } from '@tanstack/react-query';

/** A fresh Idempotency-Key. crypto.randomUUID exists only in secure contexts (https, localhost). */
export function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === 'function' && globalThis.isSecureContext) return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6] & 0x0f) | 0x40;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * One key per intended operation: the same body sent again (a double tap, a retry after a timeout) reuses the
 * key, so the server replays the first answer instead of doing it twice; a different body is a new operation.
 * `done()` after a success: the next submission is a new operation even with the same body.
 */
export function createIdempotency(newKey: () => string = newIdempotencyKey) {
  let current: { key: string; body: string } | null = null;
  return {
    keyFor(body: unknown): string {
      const text = JSON.stringify(body);
      if (!current || current.body !== text) current = { key: newKey(), body: text };
      return current.key;
    },
    done() {
      current = null;
    },
  };
}

export type Idempotency = ReturnType<typeof createIdempotency>;

/** What a generated SDK call takes: a body, and headers the Idempotency-Key goes into. */
export interface IdempotentVariables {
  body?: unknown;
  headers?: unknown;
}

/** The variables a caller passes: everything but the key, which the mutation adds. */
export type WithoutKey<TVariables> = Omit<TVariables, 'headers'>;

/**
 * The options of an idempotent mutation: the generated ones (`submitPaymentMutation()` ...) with each call sent
 * with the Idempotency-Key of its body, the caller's callbacks, and a new operation after a success.
 */
export function idempotentMutationOptions<TData, TError, TVariables extends IdempotentVariables, TContext = unknown>(
  generated: UseMutationOptions<TData, TError, TVariables>,
  options: Omit<UseMutationOptions<TData, TError, WithoutKey<TVariables>, TContext>, 'mutationFn'>,
  idempotency: Idempotency,
): UseMutationOptions<TData, TError, WithoutKey<TVariables>, TContext> {
  const send = generated.mutationFn;
  if (!send) throw new Error('idempotentMutationOptions: the generated options have no mutationFn');
  return {
    ...options,
    mutationFn: (variables, context) =>
      send({ ...variables, headers: { 'Idempotency-Key': idempotency.keyFor(variables.body) } } as unknown as TVariables, context),
    onSuccess: (...args) => {
      idempotency.done();
      return options.onSuccess?.(...args);
    },
  };
}
