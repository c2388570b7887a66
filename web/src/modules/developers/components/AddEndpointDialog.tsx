import { createWebhookEndpointMutation, listWebhookEndpointsQueryKey } from '@khata/client';
import { useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { describeError } from '../../../shared/api/problems';
import { useIdempotentMutation } from '../../../shared/api/useIdempotentMutation';
import { Dialog } from '../../../shared/ui/Dialog';
import { FormDialogActions } from '../../../shared/ui/DialogActions';
import { Field } from '../../../shared/ui/Field';
import { formClass } from '../../../shared/ui/form';
import { FormError } from '../../../shared/ui/FormError';
import { EVENT_LABEL, WEBHOOK_EVENTS, type WebhookEventType } from '../utils/webhook-events';
import styles from './Developers.module.css';
import { SecretReveal } from './SecretReveal';

/** Adds an endpoint: its URL and the events it wants; then its secret, once. */
export function AddEndpointDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const [url, setUrl] = useState('');
  const [events, setEvents] = useState<WebhookEventType[]>(['payment.approved', 'payment.rejected']);
  const [invalid, setInvalid] = useState<string | null>(null);
  const queryClient = useQueryClient();
  const create = useIdempotentMutation(createWebhookEndpointMutation(), {
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: listWebhookEndpointsQueryKey() }),
  });

  function close() {
    setUrl('');
    setInvalid(null);
    create.reset();
    onClose();
  }

  function toggle(event: WebhookEventType, on: boolean) {
    setEvents((now) => (on ? WEBHOOK_EVENTS.filter((e) => e === event || now.includes(e)) : now.filter((e) => e !== event)));
  }

  function submit(e: FormEvent) {
    e.preventDefault();
    if (events.length === 0) return setInvalid('Choose at least one event.');
    setInvalid(null);
    create.mutate({ body: { url: url.trim(), events } });
  }

  return (
    <Dialog open={open} onClose={close} title={create.data ? 'Endpoint added' : 'Add a webhook endpoint'}>
      {create.data ? (
        <SecretReveal secret={create.data.secret} onDone={close} />
      ) : (
        <form className={formClass} onSubmit={submit}>
          <Field label="Endpoint URL" id="webhook-url" hint="https:// on a public address; we POST each event there">
            <input
              id="webhook-url"
              type="url"
              inputMode="url"
              required
              placeholder="https://example.com/webhooks/khata-pay"
              value={url}
              onChange={(e) => setUrl(e.target.value)}
              aria-describedby="webhook-url-hint"
            />
          </Field>
          <fieldset className={styles.checks}>
            <legend>Events</legend>
            {WEBHOOK_EVENTS.map((event) => (
              <label key={event}>
                <input type="checkbox" checked={events.includes(event)} onChange={(e) => toggle(event, e.target.checked)} />
                <span>
                  {EVENT_LABEL[event]} <code>{event}</code>
                </span>
              </label>
            ))}
          </fieldset>
          {(invalid || create.isError) && <FormError>{invalid ?? describeError(create.error)}</FormError>}
          <FormDialogActions onCancel={close} pending={create.isPending} label="Add endpoint" pendingLabel="Adding…" />
        </form>
      )}
    </Dialog>
  );
}
