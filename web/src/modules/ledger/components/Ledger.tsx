import { listTransactionsInfiniteOptions, type LedgerTransactionDto } from '@khata/client';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useCallback, useState } from 'react';
import { allItems, cursorPaging } from '../../../shared/api/query-client';
import { QueryState } from '../../../shared/ui/QueryState';
import { ShowMore } from '../../../shared/ui/ShowMore';
import type { Viewer } from '../utils/entries';
import { CorrectEntryDialog } from './CorrectEntryDialog';
import { LedgerEntry } from './LedgerEntry';
import styles from './Ledger.module.css';

/**
 * An account's ledger, newest first, each entry with the balance after it: credits raise the balance, payments
 * lower it. The shop corrects an entry with a further entry, from here (`correctable`).
 */
export function Ledger({ accountId, viewer, correctable = false }: { accountId: string; viewer: Viewer; correctable?: boolean }) {
  const ledger = useInfiniteQuery({ ...listTransactionsInfiniteOptions({ path: { accountId } }), ...cursorPaging });
  const [correcting, setCorrecting] = useState<LedgerTransactionDto | null>(null);
  const close = useCallback(() => setCorrecting(null), []);
  return (
    <QueryState query={ledger} loading="Loading the ledger…" isEmpty={(data) => allItems(data).length === 0} empty="No entries yet.">
      {(data) => {
        const entries = allItems(data);
        const numbers = new Map(entries.map((e) => [e.id, e.entryNo]));
        const numberOf = (id: string) => numbers.get(id);
        return (
          <>
            <ul className={styles.ledger}>
              {entries.map((entry) => (
                <LedgerEntry
                  key={entry.id}
                  entry={entry}
                  viewer={viewer}
                  numberOf={numberOf}
                  onCorrect={correctable ? setCorrecting : undefined}
                />
              ))}
            </ul>
            <ShowMore list={ledger} busyLabel="Loading…">
              Show older entries
            </ShowMore>
            {correctable && <CorrectEntryDialog accountId={accountId} entry={correcting} onClose={close} />}
          </>
        );
      }}
    </QueryState>
  );
}
