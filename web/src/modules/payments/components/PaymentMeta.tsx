import type { PaymentDto } from '@khata/client';
import type { ReactNode } from 'react';
import { formatWhen } from '../../../shared/format/time';
import { cx } from '../../../shared/ui/cx';
import text from '../../../shared/ui/text.module.css';
import styles from './PaymentMeta.module.css';

/** When and how it was paid, with its UTR ("· no UTR" where the reader checks for one: the shop). */
export function PaymentFacts({ payment, sayNoUtr }: { payment: PaymentDto; sayNoUtr?: boolean }) {
  return (
    <div className={cx(text.muted, text.small)}>
      {formatWhen(payment.createdAt)} · {payment.paymentMethod}
      {payment.utr ? (
        <>
          {' · '}
          <span className={text.nowrap}>UTR {payment.utr}</span>
        </>
      ) : (
        sayNoUtr && <> · no UTR</>
      )}
    </div>
  );
}

/** The customer's note on the claim, and the shop's reason if it was rejected. */
export function PaymentNotes({ payment, children }: { payment: PaymentDto; children?: ReactNode }) {
  return (
    <>
      {payment.notes && <div className={styles.notes}>“{payment.notes}”</div>}
      {children}
      {payment.status === 'rejected' && payment.rejectionReason && (
        <p className={styles.reason}>
          <strong>Reason:</strong> {payment.rejectionReason}
        </p>
      )}
    </>
  );
}
