import type { PaymentDto } from '@khata/client';
import type { ReactNode } from 'react';
import styles from './PaymentNotes.module.css';

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
