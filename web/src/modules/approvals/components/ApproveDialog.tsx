import { approvePaymentMutation } from '@khata/client';
import { useState } from 'react';
import { balanceInWords, formatRupees } from '../../../shared/format/money';
import { Button } from '../../../shared/ui/Button';
import { Callout } from '../../../shared/ui/Callout';
import { notify } from '../../../shared/ui/Notice';
import { useDecision, type DecisionProps } from '../hooks/useDecision';
import { DecisionDialog } from './DecisionDialog';
import styles from './ApproveDialog.module.css';

/**
 * Approve only after a confirmation; a 409 (decided elsewhere) is explained, never swallowed. A claim without a
 * UTR has nothing to match in PhonePe but the amount and the name, so it asks once more: the shop ticks that it
 * found the money before the button works.
 */
export function ApproveDialog({ payment, liveStatus, onClose, onDecided }: DecisionProps) {
  const [checkedFor, setCheckedFor] = useState<string | null>(null);
  const approve = useDecision(approvePaymentMutation(), {
    payment,
    decision: 'approved',
    onDecided,
    onSuccess: (result) => {
      notify(
        `Approved ${formatRupees(result.payment.amount)} from ${result.payment.customerName}. ${balanceInWords(result.account.currentBalance, 'they')}.`,
      );
      onClose();
    },
  });
  const close = () => {
    approve.reset();
    setCheckedFor(null);
    onClose();
  };
  return (
    <DecisionDialog
      title="Approve this payment?"
      payment={payment}
      liveStatus={liveStatus}
      decision={approve}
      onClose={close}
      confirm={
        payment && (
          <Button
            variant="primary"
            disabled={approve.isPending || (!payment.utr && checkedFor !== payment.id)}
            onClick={() => approve.mutate({ path: { paymentId: payment.id } })}
          >
            {approve.isPending ? 'Approving…' : `Approve ${formatRupees(payment.amount)}`}
          </Button>
        )
      }
    >
      {payment && (
        <p>
          Check that {formatRupees(payment.amount)} has arrived in your PhonePe or bank account. Approving lowers {payment.customerName}’s
          balance.
        </p>
      )}
      {payment && !payment.utr && (
        <>
          <Callout>
            <strong>No UTR given:</strong> check your PhonePe app for {formatRupees(payment.amount)} from {payment.customerName} first.
          </Callout>
          <label className={styles.confirm}>
            <input
              type="checkbox"
              checked={checkedFor === payment.id}
              onChange={(e) => setCheckedFor(e.target.checked ? payment.id : null)}
            />{' '}
            I found {formatRupees(payment.amount)} from {payment.customerName} in PhonePe
          </label>
        </>
      )}
    </DecisionDialog>
  );
}
