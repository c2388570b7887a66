import { listTransactionsInfiniteOptions } from '@khata/client';
import { useInfiniteQuery } from '@tanstack/react-query';
import { allItems, cursorPaging } from '../../../shared/api/query-client';
import { QueryState } from '../../../shared/ui/QueryState';
import { ShowMore } from '../../../shared/ui/ShowMore';
import { LedgerEntry } from './LedgerEntry';
import styles from './Ledger.module.css';

/** An account's ledger, newest first: credits raise the balance, payments lower it. */
export function Ledger({ accountId, viewer }: { accountId: string; viewer: 'customer' | 'business' }) {
  const ledger = useInfiniteQuery({ ...listTransactionsInfiniteOptions({ path: { accountId } }), ...cursorPaging });
  return (
    <QueryState query={ledger} loading="Loading the ledger…" isEmpty={(data) => allItems(data).length === 0} empty="No entries yet.">
      {(data) => (
        <>
          <ul className={styles.ledger}>
            {allItems(data).map((entry) => (
              <LedgerEntry key={entry.id} entry={entry} viewer={viewer} />
            ))}
          </ul>
          <ShowMore list={ledger} busyLabel="Loading…">
            Show older entries
          </ShowMore>
        </>
      )}
    </QueryState>
  );
}
