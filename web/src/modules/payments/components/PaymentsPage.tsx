import { listPaymentsInfiniteOptions } from '@khata/client';
import { useInfiniteQuery } from '@tanstack/react-query';
import { cursorPaging } from '../shared/lists';
import { Empty, ErrorNote, Loading } from '../shared/ui';
import { ClaimList } from './ClaimList';

export function PaymentsPage() {
  const payments = useInfiniteQuery({ ...listPaymentsInfiniteOptions({ query: { limit: 20 } }), ...cursorPaging });
  return (
    <>
      <h1>My payments</h1>
      <p className="muted">Payments you told a shop about. They update here as soon as the shop decides.</p>
      {payments.isPending ? (
        <Loading />
      ) : payments.isError ? (
        <ErrorNote error={payments.error} onRetry={() => void payments.refetch()} />
      ) : payments.data.pages[0].items.length === 0 ? (
        <Empty>No payments yet. Open an account and choose “Pay via PhonePe”.</Empty>
      ) : (
        <>
          <ClaimList payments={payments.data.pages.flatMap((p) => p.items)} showBusiness />
          {payments.hasNextPage && (
            <button
              type="button"
              className="button secondary"
              onClick={() => void payments.fetchNextPage()}
              disabled={payments.isFetchingNextPage}
            >
              Show older payments
            </button>
          )}
        </>
      )}
    </>
  );
}
