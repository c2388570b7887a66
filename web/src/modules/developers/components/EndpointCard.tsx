import {
  deleteWebhookEndpointMutation,
  listWebhookDeliveriesQueryKey,
  listWebhookEndpointsQueryKey,
  rotateWebhookSecretMutation,
  sendWebhookTestMutation,
  updateWebhookEndpointMutation,
  type WebhookEndpointDto,
} from '@khata/client';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { describeError } from '../../../shared/api/problems';
import { useIdempotentMutation } from '../../../shared/api/useIdempotentMutation';
import { Button } from '../../../shared/ui/Button';
import card from '../../../shared/ui/Card.module.css';
import { Callout } from '../../../shared/ui/Callout';
import { Dialog } from '../../../shared/ui/Dialog';
import { DialogActions } from '../../../shared/ui/DialogActions';
import { FormError } from '../../../shared/ui/FormError';
import { notify } from '../../../shared/ui/Notice';
import { DeliveriesList } from './DeliveriesList';
import styles from './Developers.module.css';
import { SecretReveal } from './SecretReveal';

/** One endpoint: where, which events, whether it is on; test, rotate, turn on again, delete; its deliveries. */
export function EndpointCard({ endpoint }: { endpoint: WebhookEndpointDto }) {
  const queryClient = useQueryClient();
  const refresh = () => void queryClient.invalidateQueries({ queryKey: listWebhookEndpointsQueryKey() });
  const refreshDeliveries = () =>
    void queryClient.invalidateQueries({ queryKey: listWebhookDeliveriesQueryKey({ path: { endpointId: endpoint.id } }) });
  const [showDeliveries, setShowDeliveries] = useState(false);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const path = { endpointId: endpoint.id };

  const test = useIdempotentMutation(sendWebhookTestMutation(), {
    onSuccess: () => {
      notify('Test event sent. See its delivery below.');
      setShowDeliveries(true);
      refreshDeliveries();
    },
  });
  const rotate = useIdempotentMutation(rotateWebhookSecretMutation(), { onSuccess: refresh });
  const enable = useMutation({ ...updateWebhookEndpointMutation(), onSuccess: refresh });
  const remove = useMutation({
    ...deleteWebhookEndpointMutation(),
    onSuccess: () => {
      setConfirmDelete(false);
      notify('Endpoint deleted.');
      refresh();
    },
  });
  const error = test.error ?? rotate.error ?? enable.error;

  return (
    <li className={`${card.card} ${styles.endpoint}`} aria-label={`Endpoint ${endpoint.url}`}>
      <p className={styles.url}>{endpoint.url}</p>
      <ul className={styles.events} aria-label="Events">
        {endpoint.events.map((event) => (
          <li key={event}>{event}</li>
        ))}
      </ul>
      {!endpoint.enabled && (
        <Callout>
          Turned off: {endpoint.disabledReason ?? 'no reason given'}. Nothing is sent meanwhile; what happens is kept and sent, in order,
          when you turn it on again.
        </Callout>
      )}
      {endpoint.enabled && endpoint.failingSince && (
        <Callout>Every delivery has failed since {new Date(endpoint.failingSince).toLocaleString()}; we keep retrying.</Callout>
      )}
      <div className={styles.actions}>
        {endpoint.enabled ? (
          <Button variant="secondary" disabled={test.isPending} onClick={() => test.mutate({ path })}>
            Send test event
          </Button>
        ) : (
          <Button variant="primary" disabled={enable.isPending} onClick={() => enable.mutate({ path, body: { enabled: true } })}>
            Turn on again
          </Button>
        )}
        <Button variant="secondary" disabled={rotate.isPending} onClick={() => rotate.mutate({ path })}>
          Rotate secret
        </Button>
        <Button variant="secondary" aria-expanded={showDeliveries} onClick={() => setShowDeliveries((v) => !v)}>
          {showDeliveries ? 'Hide deliveries' : 'Deliveries'}
        </Button>
        <Button variant="dangerOutline" onClick={() => setConfirmDelete(true)}>
          Delete
        </Button>
      </div>
      {error && <FormError>{describeError(error)}</FormError>}
      {showDeliveries && <DeliveriesList endpointId={endpoint.id} />}

      <Dialog open={rotate.data !== undefined} onClose={() => rotate.reset()} title="New signing secret">
        {rotate.data && (
          <>
            <p>For the next 24 hours the old secret signs too, so your receiver can switch without missing an event.</p>
            <SecretReveal secret={rotate.data.secret} onDone={() => rotate.reset()} />
          </>
        )}
      </Dialog>
      <Dialog open={confirmDelete} onClose={() => setConfirmDelete(false)} title="Delete this endpoint?">
        <p>Nothing more is sent to {endpoint.url}, and its delivery log goes too.</p>
        {remove.isError && <FormError>{describeError(remove.error)}</FormError>}
        <DialogActions>
          <Button variant="secondary" onClick={() => setConfirmDelete(false)}>
            Keep it
          </Button>
          <Button variant="danger" disabled={remove.isPending} onClick={() => remove.mutate({ path })}>
            Delete endpoint
          </Button>
        </DialogActions>
      </Dialog>
    </li>
  );
}
