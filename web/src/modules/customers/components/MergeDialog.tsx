import { mergeAccountMutation, type AccountDto } from '@khata/client';
import { useQueryClient } from '@tanstack/react-query';
import { describeError } from '../../../shared/api/problems';
import { refreshMoneyQueries } from '../../../shared/api/query-client';
import { useAction } from '../../../shared/api/useIdempotentMutation';
import { Balance } from '../../../shared/ui/Balance';
import { Button } from '../../../shared/ui/Button';
import { Dialog } from '../../../shared/ui/Dialog';
import { DialogActions } from '../../../shared/ui/DialogActions';
import { FormError } from '../../../shared/ui/FormError';
import { notify } from '../../../shared/ui/Notice';
import { SendingNote } from '../../../shared/ui/SendingNote';

/** The confirmation of a merge: `from`'s balance moves into `into`; nothing is deleted. */
export function MergeDialog({
  from,
  into,
  onClose,
  onMerged,
}: {
  from: AccountDto | null;
  into: AccountDto;
  onClose: () => void;
  onMerged: () => void;
}) {
  const queryClient = useQueryClient();
  const merge = useAction({
    ...mergeAccountMutation(),
    onSuccess: async (account) => {
      notify(`Merged ${from?.customerName ?? 'the other account'} into ${account.customerName}.`);
      onMerged();
      await refreshMoneyQueries(queryClient);
    },
  });
  const close = () => {
    merge.reset();
    onClose();
  };
  return (
    <Dialog open={from !== null} onClose={close} title="Merge these accounts?">
      {from && (
        <>
          <p>
            {from.customerName} (<Balance amount={from.currentBalance} who="they" />) goes into {into.customerName} (
            <Balance amount={into.currentBalance} who="they" />
            ). Nothing is deleted: both ledgers keep their entries.
          </p>
          {merge.isError && <FormError>{describeError(merge.error)}</FormError>}
          <SendingNote waiting={merge.waiting} />
          <DialogActions>
            <Button variant="secondary" onClick={close}>
              Go back
            </Button>
            <Button
              variant="primary"
              disabled={merge.isPending}
              onClick={() => merge.mutate({ path: { accountId: into.id }, body: { fromAccountId: from.id } })}
            >
              {merge.isPending ? 'Merging…' : 'Merge into one account'}
            </Button>
          </DialogActions>
        </>
      )}
    </Dialog>
  );
}
