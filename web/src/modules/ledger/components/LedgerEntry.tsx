import type { LedgerTransactionDto } from '@khata/client';
import { formatWhen } from '../../../shared/format/time';
import { Money } from '../../../shared/ui/Money';
import text from '../../../shared/ui/text.module.css';
import { cx } from '../../../shared/ui/cx';
import styles from './Ledger.module.css';

/** What an entry is, in the reader's words: the customer bought on credit where the shop gave credit. */
function entryTitle(entry: LedgerTransactionDto, viewer: 'customer' | 'business'): string {
  if (entry.paymentMethod === 'merge') return 'Accounts merged';
  if (entry.type === 'credit') return viewer === 'customer' ? 'Bought on credit' : 'Credit given';
  return entry.paymentMethod === 'PhonePe' ? 'Paid via PhonePe' : 'Payment received';
}

export function LedgerEntry({ entry, viewer }: { entry: LedgerTransactionDto; viewer: 'customer' | 'business' }) {
  return (
    <li className={styles.entry}>
      <div>
        <strong>{entryTitle(entry, viewer)}</strong>
        {entry.notes && <span className={text.muted}> · {entry.notes}</span>}
        <div className={cx(text.muted, text.small)}>{formatWhen(entry.createdAt)}</div>
      </div>
      <span className={entry.type === 'credit' ? styles.credit : styles.payment}>
        {entry.type === 'credit' ? '+ ' : '− '}
        <Money amount={entry.amount} />
      </span>
    </li>
  );
}
