import type { ReactNode } from 'react';
import { isProblem } from '../api/problems';
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
  notFound,
  children,
}: {
  query: QueryLike<T>;
  /** What the spinner says (default "Loading…"). */
  loading?: string;
  isEmpty?: (data: T) => boolean;
  empty?: ReactNode;
  children: (data: T) => ReactNode;
  /**
   * For a page read by the id in its address: shown instead of the error when there is nothing by that id (404) or
   * the id is not one (400), where "Try again" could never help.
   */
  notFound?: ReactNode;
}) {
  if (query.status === 'pending') return <Loading label={loading} />;
  if (query.status === 'error' && notFound !== undefined && isMissing(query.error)) return <>{notFound}</>;
  if (query.status === 'error') return <ErrorNote error={query.error} onRetry={() => void query.refetch()} />;
  const data = query.data as T;
  if (isEmpty?.(data)) return <Empty>{empty}</Empty>;
  return <>{children(data)}</>;
}

function isMissing(error: unknown): boolean {
  return isProblem(error) && (error.status === 404 || error.code === 'VALIDATION_FAILED');
}
