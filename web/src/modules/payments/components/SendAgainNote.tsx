import type { PaymentDto } from '@khata/client';
import { formatRupees } from '../../../shared/format/money';
import styles from './PayPanel.module.css';

/** Above a claim sent again: which claim was rejected and why, and what to check this time. */
export function SendAgainNote({ claim }: { claim: PaymentDto }) {
  return (
    <p className={styles.again} role="note">
      Sending again your claim of {formatRupees(claim.amount)}, which the shop rejected
      {claim.rejectionReason ? `: “${claim.rejectionReason}”.` : '.'} Check the amount and the UTR in PhonePe, then send it.
    </p>
  );
}
