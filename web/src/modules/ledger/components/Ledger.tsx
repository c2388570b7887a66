import { listTransactionsInfiniteOptions } from '@khata/client';
import { useInfiniteQuery } from '@tanstack/react-query';
import { cursorPaging } from './lists';
import { formatWhen } from './time';
import { Empty, ErrorNote, Loading, Money } from './ui';

/** An account's ledger, newest first: credits raise the balance, payments lower it. */
export function Ledger({ accountId, viewer }: { accountId: string; viewer: 'customer' | 'business' }) {
  const ledger = useInfiniteQuery({ ...listTransactionsInfiniteOptions({ path: { accountId } }), ...cursorPaging });
  if (ledger.isPending) return <Loading label="Loading the ledger…" />;
  if (ledger.isError) return <ErrorNote error={ledger.error} onRetry={() => void ledger.refetch()} />;
  const entries = ledger.data.pages.flatMap((page) => page.items);
  if (entries.length === 0) return <Empty>No entries yet.</Empty>;
  return (
    <>
      <ul className="ledger">
        {entries.map((entry) => (
          <li key={entry.id} className={`ledger-entry ${entry.type}`}>
            <div>
              <strong>
                {entry.paymentMethod === 'merge'
                  ? 'Accounts merged'
                  : entry.type === 'credit'
                    ? viewer === 'customer'
                      ? 'Bought on credit'
                      : 'Credit given'
                    : entry.paymentMethod === 'PhonePe'
                      ? 'Paid via PhonePe'
                      : 'Payment received'}
              </strong>
              {entry.notes && <span className="muted"> · {entry.notes}</span>}
              <div className="muted small">{formatWhen(entry.createdAt)}</div>
            </div>
            <span className={`amount ${entry.type}`}>
              {entry.type === 'credit' ? '+ ' : '− '}
              <Money amount={entry.amount} />
            </span>
          </li>
        ))}
      </ul>
      {ledger.hasNextPage && (
        <button type="button" className="button secondary" onClick={() => void ledger.fetchNextPage()} disabled={ledger.isFetchingNextPage}>
          {ledger.isFetchingNextPage ? 'Loading…' : 'Show older entries'}
        </button>
      )}
    </>
  );
}
