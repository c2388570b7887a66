import { QueryClient, type InfiniteData } from '@tanstack/react-query';
import { isProblem } from './problems';

export const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 15_000,
      retry: (failures, error) => failures < 2 && !(isProblem(error) && error.status < 500),
    },
  },
});

/** The generated query keys start with `{ _id: operationId, ... }`. */
export function operationOf(queryKey: readonly unknown[]): string | undefined {
  return (queryKey[0] as { _id?: string } | undefined)?._id;
}

/** Every read a claim, a decision or a ledger entry can change. */
export const MONEY_QUERIES: ReadonlySet<string> = new Set([
  'listPayments',
  'getPaymentStats',
  'listAccounts',
  'getAccount',
  'listTransactions',
  'getPaymentHistory',
  'getPayment',
]);

/** After a change this tab made: refetch everything the change can touch (the event stream does it for others). */
export function refreshMoneyQueries(client: QueryClient = queryClient) {
  return client.invalidateQueries({ predicate: (q) => MONEY_QUERIES.has(operationOf(q.queryKey) ?? '') });
}

/** Cursor paging as the API does it: `{items, nextCursor}`; the first page has no cursor. */
export const cursorPaging = {
  initialPageParam: undefined as unknown as string,
  getNextPageParam: (last: { nextCursor: string | null }) => last.nextCursor ?? undefined,
};

/** Every item of a cursor-paged list, in order. */
export function allItems<T>(data: InfiniteData<{ items: T[] }>): T[] {
  return data.pages.flatMap((page) => page.items);
}
