import type { PaymentDto, PaymentStatus } from '@khata/client';
import { useQueryClient, type UseMutationOptions } from '@tanstack/react-query';
import { isProblem } from '../../../shared/api/problems';
import { refreshMoneyQueries } from '../../../shared/api/query-client';
import { useAction } from '../../../shared/api/useIdempotentMutation';

/** Told when the server says the payment is no longer pending, whoever decided it (`here`: this tab did). */
export type OnDecided = (payment: PaymentDto, status: PaymentStatus, here: boolean) => void;

/** What the pending list gives each decision's dialog. */
export interface DecisionProps {
  /** The payment to decide; null while the dialog is closed. */
  payment: PaymentDto | null;
  /** Its status as decided elsewhere since the list showed it (heard live), if it was. */
  liveStatus?: PaymentStatus;
  onClose: () => void;
  onDecided: OnDecided;
}

/**
 * Approving or rejecting one payment (the generated `approvePaymentMutation()` or `rejectPaymentMutation()`):
 * success and a 409 PAYMENT_NOT_PENDING (decided elsewhere first) both tell `onDecided`, so the row turns read-only
 * either way; then everything the decision touches is refetched. Held up by the connection, it says so (`waiting`).
 */
export function useDecision<TData extends { payment: PaymentDto }, TError, TVariables>(
  generated: UseMutationOptions<TData, TError, TVariables>,
  {
    payment,
    decision,
    onDecided,
    onSuccess,
  }: { payment: PaymentDto | null; decision: 'approved' | 'rejected'; onDecided: OnDecided; onSuccess: (result: TData) => void },
) {
  const queryClient = useQueryClient();
  return useAction({
    ...generated,
    onSuccess: (result) => {
      onDecided(result.payment, decision, true);
      onSuccess(result);
    },
    onError: (error) => {
      if (isProblem(error) && error.code === 'PAYMENT_NOT_PENDING' && payment) onDecided(payment, error.currentStatus ?? decision, false);
    },
    onSettled: () => refreshMoneyQueries(queryClient),
  });
}
