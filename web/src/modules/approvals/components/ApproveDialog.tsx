import { approvePaymentMutation } from '@khata/client';
import { balanceInWords, formatRupees } from '../../../shared/format/money';
import { Button } from '../../../shared/ui/Button';
import { notify } from '../../../shared/ui/Notice';
import { useDecision, type DecisionProps } from '../hooks/useDecision';
import { DecisionDialog } from './DecisionDialog';

/** Approve only after a confirmation; a 409 (decided elsewhere) is explained, never swallowed. */
export function ApproveDialog({ payment, liveStatus, onClose, onDecided }: DecisionProps) {
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
          <Button variant="primary" disabled={approve.isPending} onClick={() => approve.mutate({ path: { paymentId: payment.id } })}>
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
    </DecisionDialog>
  );
}
