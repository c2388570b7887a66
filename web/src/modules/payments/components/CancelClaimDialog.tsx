import { cancelPaymentMutation, type PaymentDto } from '@khata/client';
import { useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { describeError } from '../../../shared/api/problems';
import { refreshMoneyQueries } from '../../../shared/api/query-client';
import { useAction } from '../../../shared/api/useIdempotentMutation';
import { Button } from '../../../shared/ui/Button';
import { Dialog } from '../../../shared/ui/Dialog';
import { DialogActions } from '../../../shared/ui/DialogActions';
import { FormError } from '../../../shared/ui/FormError';
import { Money } from '../../../shared/ui/Money';
import { notify } from '../../../shared/ui/Notice';
import { SendingNote } from '../../../shared/ui/SendingNote';

/** The customer withdraws a claim while it is pending. */
export function CancelClaimDialog({ claim, onClose }: { claim: PaymentDto | null; onClose: () => void }) {
  const queryClient = useQueryClient();
  const cancel = useAction({
    ...cancelPaymentMutation(),
    onSuccess: () => {
      notify('Your claim was cancelled.');
      onClose();
    },
    onSettled: () => refreshMoneyQueries(queryClient),
  });
  const { reset } = cancel;
  const close = useCallback(() => {
    onClose();
    reset();
  }, [onClose, reset]);

  return (
    <Dialog open={claim !== null} onClose={close} title="Cancel this claim?">
      {claim && (
        <>
          <p>
            Your claim of <Money amount={claim.amount} /> to {claim.businessName} will be withdrawn. If you did pay, send a new claim later.
          </p>
          {cancel.isError && <FormError>{describeError(cancel.error)}</FormError>}
          <SendingNote waiting={cancel.waiting} />
          <DialogActions>
            <Button variant="secondary" onClick={close}>
              Keep it
            </Button>
            <Button variant="danger" disabled={cancel.isPending} onClick={() => cancel.mutate({ path: { paymentId: claim.id } })}>
              {cancel.isPending ? 'Cancelling…' : 'Cancel claim'}
            </Button>
          </DialogActions>
        </>
      )}
    </Dialog>
  );
}
