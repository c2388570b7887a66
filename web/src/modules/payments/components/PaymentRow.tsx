import type { PaymentDto } from '@khata/client';
import type { ReactNode } from 'react';
import card from '../../../shared/ui/Card.module.css';
import { cx } from '../../../shared/ui/cx';
import { Money } from '../../../shared/ui/Money';
import { Phone } from '../../../shared/ui/Phone';
import { StatusBadge } from '../../../shared/ui/StatusBadge';
import text from '../../../shared/ui/text.module.css';
import { PaymentFacts } from './PaymentFacts';
import { PaymentNotes } from './PaymentNotes';
import meta from './PaymentNotes.module.css';
import styles from './PaymentRow.module.css';

/**
 * One claim as the shopkeeper reads it: who, how much, how, when, their note and UTR; `children` are actions.
 * `headingId`: the customer's name is the row's heading (h3) with this id, which focus can be moved to.
 */
export function PaymentRow({
  payment,
  note,
  headingId,
  children,
}: {
  payment: PaymentDto;
  note?: ReactNode;
  headingId?: string;
  children?: ReactNode;
}) {
  return (
    <li className={cx(card.card, payment.status === 'approved' && styles.approved)}>
      <div className={styles.head}>
        <div>
          {headingId ? (
            <h3 id={headingId} tabIndex={-1} className={styles.name}>
              {payment.customerName}
            </h3>
          ) : (
            <strong>{payment.customerName}</strong>
          )}
          <div className={cx(text.muted, text.small)}>
            <Phone number={payment.customerPhone} />
          </div>
        </div>
        <div className={styles.amountColumn}>
          <strong className={styles.amount}>
            <Money amount={payment.amount} />
          </strong>
          <div>
            <StatusBadge status={payment.status} />
          </div>
        </div>
      </div>
      <PaymentFacts payment={payment} sayNoUtr />
      <PaymentNotes payment={payment} />
      {note && <p className={cx(meta.statusLine, styles.statusLine)}>{note}</p>}
      {children && <div className={styles.actions}>{children}</div>}
    </li>
  );
}
