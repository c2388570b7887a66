import { cancelPaymentMutation, type PaymentDto } from '@khata/client';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useCallback, useState } from 'react';
import { refreshMoneyQueries } from '../shared/lists';
import { describeError } from '../shared/problems';
import { formatWhen } from '../shared/time';
import { Dialog, Money, notify, StatusBadge } from '../shared/ui';

const STATUS_TEXT = {
  pending: 'Waiting for the shop to confirm',
  approved: 'Approved: your balance is updated',
  rejected: 'Rejected by the shop',
  cancelled: 'You cancelled this claim',
} as const;

/** The customer's payment claims: status as it changes (live), the reason when rejected, cancel while pending. */
export function ClaimList({ payments, showBusiness }: { payments: PaymentDto[]; showBusiness: boolean }) {
  const [cancelling, setCancelling] = useState<PaymentDto | null>(null);
  const queryClient = useQueryClient();
  const cancel = useMutation({
    ...cancelPaymentMutation(),
    onSuccess: () => {
      notify('Your claim was cancelled.');
      setCancelling(null);
    },
    onSettled: () => refreshMoneyQueries(queryClient),
  });
  const close = useCallback(() => {
    setCancelling(null);
    cancel.reset();
  }, [cancel]);

  return (
    <>
      <ul className="cards">
        {payments.map((payment) => (
          <li key={payment.id} className={`card claim claim-${payment.status}`}>
            <div className="row">
              <strong className="big">
                <Money amount={payment.amount} />
              </strong>
              <StatusBadge status={payment.status} />
            </div>
            {showBusiness && <div>To {payment.businessName}</div>}
            <div className="muted small">
              {formatWhen(payment.createdAt)} · {payment.paymentMethod}
              {payment.utr && (
                <>
                  {' · '}
                  <span className="nowrap">UTR {payment.utr}</span>
                </>
              )}
            </div>
            {payment.notes && <div className="notes">“{payment.notes}”</div>}
            <p className="status-text">{STATUS_TEXT[payment.status]}</p>
            {payment.status === 'rejected' && payment.rejectionReason && (
              <p className="reason">
                <strong>Reason:</strong> {payment.rejectionReason}
              </p>
            )}
            {payment.status === 'pending' && (
              <button type="button" className="button secondary small" onClick={() => setCancelling(payment)}>
                Cancel claim
              </button>
            )}
          </li>
        ))}
      </ul>
      <Dialog open={cancelling !== null} onClose={close} title="Cancel this claim?">
        {cancelling && (
          <>
            <p>
              Your claim of <Money amount={cancelling.amount} /> to {cancelling.businessName} will be withdrawn. If you did pay, send a new
              claim later.
            </p>
            {cancel.isError && (
              <p className="form-error" role="alert">
                {describeError(cancel.error)}
              </p>
            )}
            <div className="dialog-actions">
              <button type="button" className="button secondary" onClick={close}>
                Keep it
              </button>
              <button
                type="button"
                className="button danger"
                disabled={cancel.isPending}
                onClick={() => cancel.mutate({ path: { paymentId: cancelling.id } })}
              >
                {cancel.isPending ? 'Cancelling…' : 'Cancel claim'}
              </button>
            </div>
          </>
        )}
      </Dialog>
    </>
  );
}
