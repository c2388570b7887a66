import type { ReactNode } from 'react';
import { Empty } from './Empty';
import { ErrorNote } from './ErrorNote';
import { Loading } from './Loading';

/** What QueryState needs of a TanStack Query result (plain or infinite). */
export interface QueryLike<T> {
  status: 'pending' | 'error' | 'success';
  data: T | undefined;
  error: unknown;
  refetch: () => unknown;
}

/**
 * A read's four states, the same way on every page: a spinner while loading, the error in words with "Try again",
 * the `empty` message when `isEmpty` says there is nothing, else `children` with the data.
 */
export function QueryState<T>({
  query,
  loading,
  isEmpty,
  empty,
  children,
}: {
  query: QueryLike<T>;
  /** What the spinner says (default "Loading…"). */
  loading?: string;
  isEmpty?: (data: T) => boolean;
  empty?: ReactNode;
  children: (data: T) => ReactNode;
}) {
  if (query.status === 'pending') return <Loading label={loading} />;
  if (query.status === 'error') return <ErrorNote error={query.error} onRetry={() => void query.refetch()} />;
  const data = query.data as T;
  if (isEmpty?.(data)) return <Empty>{empty}</Empty>;
  return <>{children(data)}</>;
}
