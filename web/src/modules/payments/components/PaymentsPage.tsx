import { listPaymentsInfiniteOptions } from '@khata/client';
import { useInfiniteQuery } from '@tanstack/react-query';
import { allItems, cursorPaging } from '../../../shared/api/query-client';
import { QueryState } from '../../../shared/ui/QueryState';
import { ShowMore } from '../../../shared/ui/ShowMore';
import text from '../../../shared/ui/text.module.css';
import { ClaimList } from './ClaimList';

/** Every claim the customer made, to any shop, newest first. */
export function PaymentsPage() {
  const payments = useInfiniteQuery({ ...listPaymentsInfiniteOptions({ query: { limit: 20 } }), ...cursorPaging });
  return (
    <>
      <h1>My payments</h1>
      <p className={text.muted}>Payments you told a shop about. They update here as soon as the shop decides.</p>
      <QueryState
        query={payments}
        isEmpty={(data) => data.pages[0].items.length === 0}
        empty="No payments yet. Open an account and choose “Pay via PhonePe”."
      >
        {(data) => (
          <>
            <ClaimList payments={allItems(data)} showBusiness />
            <ShowMore list={payments}>Show older payments</ShowMore>
          </>
        )}
      </QueryState>
    </>
  );
}
