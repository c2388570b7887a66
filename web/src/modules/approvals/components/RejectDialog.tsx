import { rejectPaymentMutation } from '@khata/client';
import { useState, type FormEvent } from 'react';
import { formatRupees } from '../../../shared/format/money';
import { Button } from '../../../shared/ui/Button';
import { notify } from '../../../shared/ui/Notice';
import { useDecision, type DecisionProps } from '../hooks/useDecision';
import { DecisionDialog } from './DecisionDialog';
import { MAX_REASON, ReasonPicker, reasonText } from './ReasonPicker';

/**
 * Reject with a reason the customer will read: a common one, with details or not, or one written out. No reason
 * is chosen at first, and the button waits for one.
 */
export function RejectDialog({ payment, liveStatus, onClose, onDecided }: DecisionProps) {
  const [choice, setChoice] = useState('');
  const [details, setDetails] = useState('');
  const [invalid, setInvalid] = useState<string | null>(null);
  const reject = useDecision(rejectPaymentMutation(), {
    payment,
    decision: 'rejected',
    onDecided,
    onSuccess: (result) => {
      notify(`Rejected the claim of ${formatRupees(result.payment.amount)} from ${result.payment.customerName}.`);
      close();
    },
  });
  const reason = reasonText(choice, details);

  function close() {
    reject.reset();
    setChoice('');
    setDetails('');
    setInvalid(null);
    onClose();
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!payment) return;
    if (reason.length < 1) return setInvalid('Write a reason the customer will read.');
    if (reason.length > MAX_REASON) return setInvalid(`The reason is ${reason.length} characters; ${MAX_REASON} at most.`);
    setInvalid(null);
    reject.mutate({ path: { paymentId: payment.id }, body: { reason } });
  }

  return (
    <DecisionDialog
      title="Reject this payment?"
      payment={payment}
      liveStatus={liveStatus}
      decision={reject}
      invalid={invalid}
      onClose={close}
      onSubmit={submit}
      confirm={
        <Button variant="danger" type="submit" disabled={reject.isPending || reason.length === 0}>
          {reject.isPending ? 'Rejecting…' : 'Reject payment'}
        </Button>
      }
    >
      <ReasonPicker choice={choice} details={details} onChoice={setChoice} onDetails={setDetails} />
    </DecisionDialog>
  );
}
