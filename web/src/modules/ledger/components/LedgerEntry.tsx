import type { LedgerTransactionDto } from '@khata/client';
import { formatWhen } from '../../../shared/format/time';
import { Button } from '../../../shared/ui/Button';
import { Money } from '../../../shared/ui/Money';
import text from '../../../shared/ui/text.module.css';
import { cx } from '../../../shared/ui/cx';
import { balanceAfterInWords, isCorrectable, type Viewer } from '../utils/entries';
import styles from './Ledger.module.css';

/** What an entry is, in the reader's words: the customer bought on credit where the shop gave credit. */
export function entryTitle(entry: LedgerTransactionDto, viewer: Viewer): string {
  if (entry.paymentMethod === 'merge') return 'Accounts merged';
  if (entry.correctsEntryId) return 'Correction';
  if (entry.type === 'credit') return viewer === 'customer' ? 'Bought on credit' : 'Credit given';
  return entry.paymentMethod === 'PhonePe' ? 'Paid via PhonePe' : 'Payment received';
}

/**
 * One line of the khata: its number, what it was, the amount (+ raises what is owed, − lowers it) and the balance
 * right after it. A correction names the entry it corrects, and that entry names its correction. The shop may
 * correct an entry it recorded by hand (`onCorrect`).
 */
export function LedgerEntry({
  entry,
  viewer,
  numberOf,
  onCorrect,
}: {
  entry: LedgerTransactionDto;
  viewer: Viewer;
  /** The number of another entry of this ledger, when it is loaded. */
  numberOf: (id: string) => number | undefined;
  onCorrect?: (entry: LedgerTransactionDto) => void;
}) {
  const corrects = entry.correctsEntryId ? numberOf(entry.correctsEntryId) : undefined;
  const correctedBy = entry.correctedBy ? numberOf(entry.correctedBy) : undefined;
  return (
    <li className={styles.entry}>
      <div className={styles.main}>
        <strong>
          <span className={styles.number}>#{entry.entryNo}</span> {entryTitle(entry, viewer)}
        </strong>
        {entry.notes && <span className={text.muted}> · {entry.notes}</span>}
        <div className={cx(text.muted, text.small)}>{formatWhen(entry.createdAt)}</div>
        {entry.correctsEntryId && <div className={styles.link}>{corrects ? `Corrects #${corrects}` : 'Corrects an earlier entry'}</div>}
        {entry.correctedBy && (
          <div className={styles.link}>{correctedBy ? `Corrected by #${correctedBy}` : 'Corrected by a later entry'}</div>
        )}
      </div>
      <div className={styles.figures}>
        <span className={entry.type === 'credit' ? styles.credit : styles.payment}>
          {entry.type === 'credit' ? '+ ' : '− '}
          <Money amount={entry.amount} />
        </span>
        <span className={cx(text.small, styles.balanceAfter)}>Balance: {balanceAfterInWords(entry.balanceAfter, viewer)}</span>
      </div>
      {onCorrect && isCorrectable(entry) && (
        <div className={styles.actions}>
          <Button variant="secondary" small onClick={() => onCorrect(entry)} aria-label={`Correct entry #${entry.entryNo}`}>
            Correct…
          </Button>
        </div>
      )}
    </li>
  );
}
