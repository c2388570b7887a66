import { approvePaymentMutation, rejectPaymentMutation, type PaymentDto, type PaymentStatus } from '@khata/client';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { refreshMoneyQueries } from '../shared/lists';
import { balanceInWords, formatRupees } from '../shared/money';
import { describeError, isProblem } from '../shared/problems';
import { formatWhen } from '../shared/time';
import { Dialog, Money, notify, Phone } from '../shared/ui';

export const COMMON_REASONS = ['Amount not received', 'Wrong amount', 'Duplicate claim', 'UTR does not match'];

const DECIDED_ELSEWHERE: Record<PaymentStatus, string> = {
  pending: '',
  approved: 'This payment has just been approved elsewhere (another tab or device). Nothing more to do.',
  rejected: 'This payment has just been rejected elsewhere (another tab or device). Nothing more to do.',
  cancelled: 'The customer has just cancelled this claim. Nothing more to do.',
};

/** Called when the server says the payment is no longer pending, whoever decided it. */
export type OnDecided = (payment: PaymentDto, status: PaymentStatus, here: boolean) => void;

function Summary({ payment }: { payment: PaymentDto }) {
  return (
    <dl className="summary">
      <dt>Customer</dt>
      <dd>
        {payment.customerName}
        <span className="muted block">
          <Phone number={payment.customerPhone} />
        </span>
      </dd>
      <dt>Amount</dt>
      <dd>
        <Money amount={payment.amount} /> via {payment.paymentMethod}
      </dd>
      <dt>When</dt>
      <dd>{formatWhen(payment.createdAt)}</dd>
      {payment.utr && (
        <>
          <dt>UTR</dt>
          <dd>{payment.utr}</dd>
        </>
      )}
    </dl>
  );
}

/** Approve only after a confirmation; a 409 (decided elsewhere) is explained, never swallowed. */
export function ApproveDialog({
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
  const queryClient = useQueryClient();
  const approve = useMutation({
    ...approvePaymentMutation(),
    onSuccess: (result) => {
      onDecided(result.payment, 'approved', true);
      notify(
        `Approved ${formatRupees(result.payment.amount)} from ${result.payment.customerName}. ${balanceInWords(result.account.currentBalance, 'they')}.`,
      );
      onClose();
    },
    onError: (error) => {
      if (isProblem(error) && error.code === 'PAYMENT_NOT_PENDING' && payment) onDecided(payment, error.currentStatus ?? 'approved', false);
    },
    onSettled: () => refreshMoneyQueries(queryClient),
  });
  const decidedElsewhere = liveStatus && liveStatus !== 'pending' && !approve.isSuccess && !approve.isPending ? liveStatus : null;
  const close = () => {
    approve.reset();
    onClose();
  };
  return (
    <Dialog open={payment !== null} onClose={close} title="Approve this payment?">
      {payment && (
        <>
          <Summary payment={payment} />
          <p>
            Check that {formatRupees(payment.amount)} has arrived in your PhonePe or bank account. Approving lowers {payment.customerName}’s
            balance.
          </p>
          {decidedElsewhere && !approve.isError && (
            <p className="form-error" role="alert">
              {DECIDED_ELSEWHERE[decidedElsewhere]}
            </p>
          )}
          {approve.isError && (
            <p className="form-error" role="alert">
              {describeError(approve.error)}
            </p>
          )}
          <div className="dialog-actions">
            <button type="button" className="button secondary" onClick={close}>
              {approve.isError || decidedElsewhere ? 'Close' : 'Go back'}
            </button>
            {!approve.isError && !decidedElsewhere && (
              <button
                type="button"
                className="button primary"
                disabled={approve.isPending}
                onClick={() => approve.mutate({ path: { paymentId: payment.id } })}
              >
                {approve.isPending ? 'Approving…' : `Approve ${formatRupees(payment.amount)}`}
              </button>
            )}
          </div>
        </>
      )}
    </Dialog>
  );
}

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
  const queryClient = useQueryClient();
  const reject = useMutation({
    ...rejectPaymentMutation(),
    onSuccess: (result) => {
      onDecided(result.payment, 'rejected', true);
      notify(`Rejected the claim of ${formatRupees(result.payment.amount)} from ${result.payment.customerName}.`);
      close();
    },
    onError: (error) => {
      if (isProblem(error) && error.code === 'PAYMENT_NOT_PENDING' && payment) onDecided(payment, error.currentStatus ?? 'rejected', false);
    },
    onSettled: () => refreshMoneyQueries(queryClient),
  });
  const reason = choice === 'Other' ? details.trim() : details.trim() ? `${choice}: ${details.trim()}` : choice;
  const decidedElsewhere = liveStatus && liveStatus !== 'pending' && !reject.isSuccess && !reject.isPending ? liveStatus : null;

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
    if (reason.length > 500) return setInvalid(`The reason is ${reason.length} characters; 500 at most.`);
    setInvalid(null);
    reject.mutate({ path: { paymentId: payment.id }, body: { reason } });
  }

  return (
    <Dialog open={payment !== null} onClose={close} title="Reject this payment?">
      {payment && (
        <form onSubmit={submit} className="form">
          <Summary payment={payment} />
          <fieldset className="choice pills">
            <legend>Reason (the customer will see it)</legend>
            {[...COMMON_REASONS, 'Other'].map((option) => (
              <label key={option}>
                <input type="radio" name="reason" value={option} checked={choice === option} onChange={() => setChoice(option)} /> {option}
              </label>
            ))}
          </fieldset>
          <div className="field">
            <label htmlFor="reject-details">{choice === 'Other' ? 'Reason' : 'More details (optional)'}</label>
            <textarea
              id="reject-details"
              rows={3}
              maxLength={500}
              value={details}
              onChange={(e) => setDetails(e.target.value)}
              required={choice === 'Other'}
            />
            <p className="hint">{reason.length}/500 characters</p>
          </div>
          {(invalid || reject.isError || decidedElsewhere) && (
            <p className="form-error" role="alert">
              {invalid ?? (reject.isError ? describeError(reject.error) : DECIDED_ELSEWHERE[decidedElsewhere!])}
            </p>
          )}
          <div className="dialog-actions">
            <button type="button" className="button secondary" onClick={close}>
              {reject.isError || decidedElsewhere ? 'Close' : 'Go back'}
            </button>
            {!reject.isError && !decidedElsewhere && (
              <button type="submit" className="button danger" disabled={reject.isPending}>
                {reject.isPending ? 'Rejecting…' : 'Reject payment'}
              </button>
            )}
          </div>
        </form>
      )}
    </Dialog>
  );
}
