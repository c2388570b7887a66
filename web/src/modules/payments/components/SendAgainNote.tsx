import type { PaymentDto } from '@khata/client';
import { formatRupees } from '../../../shared/format/money';
import styles from './PayPanel.module.css';

/**
 * Above a claim sent again: which claim was rejected and why, and what to check this time. The money may well have
 * gone (a mistyped UTR): the note says not to pay twice.
 */
export function SendAgainNote({ claim }: { claim: PaymentDto }) {
  return (
    <p className={styles.again} role="note">
      Sending again your claim of {formatRupees(claim.amount)}, which the shop rejected
      {claim.rejectionReason ? `: “${claim.rejectionReason}”.` : '.'} Paid already? Do not pay again: find the 12-digit UTR in PhonePe’s
      history and send the claim below.
    </p>
  );
}
