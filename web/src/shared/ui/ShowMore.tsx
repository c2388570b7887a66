import type { ReactNode } from 'react';
import { Button } from './Button';

interface PagedList {
  hasNextPage: boolean;
  isFetchingNextPage: boolean;
  fetchNextPage: () => unknown;
}

/** The next page of a cursor-paged list, while there is one. */
export function ShowMore({
  list,
  busyLabel,
  enabledWhileFetching = false,
  children,
}: {
  list: PagedList;
  /** What the button says while the page loads (default: its own words). */
  busyLabel?: string;
  enabledWhileFetching?: boolean;
  children: ReactNode;
}) {
  if (!list.hasNextPage) return null;
  return (
    <Button variant="secondary" onClick={() => void list.fetchNextPage()} disabled={!enabledWhileFetching && list.isFetchingNextPage}>
      {list.isFetchingNextPage && busyLabel ? busyLabel : children}
    </Button>
  );
}
