import { rejectPaymentMutation, type PaymentDto, type PaymentStatus } from '@khata/client';
import { useState, type FormEvent } from 'react';
import { formatRupees } from '../../../shared/format/money';
import { Button } from '../../../shared/ui/Button';
import { Choice } from '../../../shared/ui/Choice';
import { fieldClass, hintClass } from '../../../shared/ui/form';
import { notify } from '../../../shared/ui/Notice';
import { useDecision, type OnDecided } from '../hooks/useDecision';
import { DecisionDialog } from './DecisionDialog';

export const COMMON_REASONS = ['Amount not received', 'Wrong amount', 'Duplicate claim', 'UTR does not match'];
const MAX_REASON = 500;

/** Reject with a reason the customer will read: a common one, with details or not, or one written out. */
export function RejectDialog({
  payment,
  liveStatus,
  onClose,
  onDecided,
}: {
  payment: PaymentDto | null;
  liveStatus?: PaymentStatus;
  onClose: () => void;
  onDecided: OnDecided;
}) {
  const [choice, setChoice] = useState(COMMON_REASONS[0]);
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
  const reason = choice === 'Other' ? details.trim() : details.trim() ? `${choice}: ${details.trim()}` : choice;

  function close() {
    reject.reset();
    setChoice(COMMON_REASONS[0]);
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
        <Button variant="danger" type="submit" disabled={reject.isPending}>
          {reject.isPending ? 'Rejecting…' : 'Reject payment'}
        </Button>
      }
    >
      <Choice legend="Reason (the customer will see it)" pills>
        {[...COMMON_REASONS, 'Other'].map((option) => (
          <label key={option}>
            <input type="radio" name="reason" value={option} checked={choice === option} onChange={() => setChoice(option)} /> {option}
          </label>
        ))}
      </Choice>
      <div className={fieldClass}>
        <label htmlFor="reject-details">{choice === 'Other' ? 'Reason' : 'More details (optional)'}</label>
        <textarea
          id="reject-details"
          rows={3}
          maxLength={MAX_REASON}
          value={details}
          onChange={(e) => setDetails(e.target.value)}
          required={choice === 'Other'}
        />
        <p className={hintClass}>
          {reason.length}/{MAX_REASON} characters
        </p>
      </div>
    </DecisionDialog>
  );
}
