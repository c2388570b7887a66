import { listApiKeysQueryKey, revokeApiKeyMutation, type ApiKeyDto } from '@khata/client';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { describeError } from '../../../shared/api/problems';
import { Button } from '../../../shared/ui/Button';
import { Dialog } from '../../../shared/ui/Dialog';
import { DialogActions } from '../../../shared/ui/DialogActions';
import { FormError } from '../../../shared/ui/FormError';
import { notify } from '../../../shared/ui/Notice';

/** Revoke a key, after saying what that means: it stops working at once, for good. */
export function RevokeApiKeyDialog({ apiKey, onClose }: { apiKey: ApiKeyDto | null; onClose: () => void }) {
  const queryClient = useQueryClient();
  const revoke = useMutation({
    ...revokeApiKeyMutation(),
    onSuccess: (revoked) => {
      void queryClient.invalidateQueries({ queryKey: listApiKeysQueryKey() });
      notify(`${revoked.name} is revoked. Requests with it are refused from now on.`);
      close();
    },
  });
  function close() {
    revoke.reset();
    onClose();
  }
  return (
    <Dialog open={apiKey !== null} onClose={close} title="Revoke this API key?">
      {apiKey && (
        <>
          <p>
            “{apiKey.name}” ({apiKey.prefix}…) stops working at once, and cannot be turned back on. Software that uses it will need a new
            key.
          </p>
          {revoke.isError && <FormError>{describeError(revoke.error)}</FormError>}
          <DialogActions>
            <Button variant="secondary" onClick={close}>
              Keep key
            </Button>
            <Button variant="danger" disabled={revoke.isPending} onClick={() => revoke.mutate({ path: { apiKeyId: apiKey.id } })}>
              Revoke key
            </Button>
          </DialogActions>
        </>
      )}
    </Dialog>
  );
}
