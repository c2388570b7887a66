import type { QueryClient } from '@tanstack/react-query';

/** Cursor paging as the API does it: `{items, nextCursor}`; the first page has no cursor. */
export const cursorPaging = {
  initialPageParam: undefined as unknown as string,
  getNextPageParam: (last: { nextCursor: string | null }) => last.nextCursor ?? undefined,
};

/** After a change this tab made: refetch everything the change can touch (the event stream does it for others). */
export function refreshMoneyQueries(queryClient: QueryClient) {
  const ids = new Set([
    'listPayments',
    'getPaymentStats',
    'listAccounts',
    'getAccount',
    'listTransactions',
    'getPaymentHistory',
    'getPayment',
  ]);
  return queryClient.invalidateQueries({ predicate: (q) => ids.has((q.queryKey[0] as { _id?: string })?._id ?? '') });
}

/** A fresh Idempotency-Key. crypto.randomUUID exists only in secure contexts (https, localhost). */
export function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === 'function' && window.isSecureContext) return crypto.randomUUID();
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
export function createIdempotency() {
  let current: { key: string; body: string } | null = null;
  return {
    keyFor(body: unknown): string {
      const text = JSON.stringify(body);
      if (!current || current.body !== text) current = { key: newIdempotencyKey(), body: text };
      return current.key;
    },
    done() {
      current = null;
    },
  };
}
