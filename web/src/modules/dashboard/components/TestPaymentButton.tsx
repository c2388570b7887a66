import { createTestPaymentMutation } from '@khata/client';
import { useQueryClient } from '@tanstack/react-query';
import { describeError } from '../../../shared/api/problems';
import { refreshMoneyQueries } from '../../../shared/api/query-client';
import { useAction } from '../../../shared/api/useIdempotentMutation';
import { formatRupees } from '../../../shared/format/money';
import { Button } from '../../../shared/ui/Button';
import { notify } from '../../../shared/ui/Notice';

/** With development endpoints on: a sample claim from the shop's Test Customer, to try the approval flow. */
export function TestPaymentButton() {
  const queryClient = useQueryClient();
  const create = useAction({
    ...createTestPaymentMutation(),
    onSuccess: (payment) => notify(`Test payment of ${formatRupees(payment.amount)} from ${payment.customerName} is waiting in Pending.`),
    onError: (error) => notify(describeError(error)),
    onSettled: () => refreshMoneyQueries(queryClient),
  });
  return (
    <Button variant="secondary" disabled={create.isPending} onClick={() => create.mutate({})}>
      {create.waiting ? 'Waiting for the connection…' : create.isPending ? 'Creating…' : 'Test payment'}
    </Button>
  );
}
