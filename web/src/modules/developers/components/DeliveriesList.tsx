import {
  listWebhookDeliveriesOptions,
  listWebhookDeliveriesQueryKey,
  replayWebhookDeliveryMutation,
  type WebhookDeliveryDto,
} from '@khata/client';
import { useQueryClient, useQuery } from '@tanstack/react-query';
import { describeError } from '../../../shared/api/problems';
import { useIdempotentMutation } from '../../../shared/api/useIdempotentMutation';
import { Button } from '../../../shared/ui/Button';
import { cx } from '../../../shared/ui/cx';
import { FormError } from '../../../shared/ui/FormError';
import { QueryState } from '../../../shared/ui/QueryState';
import text from '../../../shared/ui/text.module.css';
import styles from './Developers.module.css';

const STATUS_LABEL: Record<WebhookDeliveryDto['status'], string> = { pending: 'Sending', delivered: 'Delivered', failed: 'Failed' };

/** An endpoint's latest deliveries: what was sent, what came back, and "Send again". */
export function DeliveriesList({ endpointId }: { endpointId: string }) {
  const options = listWebhookDeliveriesOptions({ path: { endpointId }, query: { limit: 20 } });
  // While something is still being sent, look again now and then.
  const deliveries = useQuery({
    ...options,
    refetchInterval: (query) => (query.state.data?.items.some((d) => d.status === 'pending') ? 2000 : false),
  });
  return (
    <QueryState query={deliveries} isEmpty={(page) => page.items.length === 0} empty="Nothing sent yet.">
      {(page) => (
        <ul className={styles.deliveries} aria-label="Deliveries">
          {page.items.map((delivery) => (
            <Delivery key={delivery.id} endpointId={endpointId} delivery={delivery} />
          ))}
        </ul>
      )}
    </QueryState>
  );
}

function Delivery({ endpointId, delivery }: { endpointId: string; delivery: WebhookDeliveryDto }) {
  const queryClient = useQueryClient();
  const replay = useIdempotentMutation(replayWebhookDeliveryMutation(), {
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: listWebhookDeliveriesQueryKey({ path: { endpointId } }) }),
  });
  const last = delivery.attempts[0];
  const answer = last ? (last.statusCode !== null ? `HTTP ${last.statusCode}` : (last.error ?? 'No answer')) : 'Not tried yet';
  return (
    <li className={styles.delivery}>
      <div className={styles.deliveryHead}>
        <span>
          <code>{delivery.type}</code> <span className={cx(styles.status, styles[delivery.status])}>{STATUS_LABEL[delivery.status]}</span>
        </span>
        {delivery.status !== 'pending' && (
          <Button
            variant="secondary"

            disabled={replay.isPending}
            onClick={() => replay.mutate({ path: { endpointId, deliveryId: delivery.id } })}
          >
            Send again
          </Button>
        )}
      </div>
      <span className={cx(text.small, text.muted)}>
        {new Date(delivery.createdAt).toLocaleString()} · {answer}
        {last && ` · ${last.latencyMs} ms`} · {delivery.attempts.length} {delivery.attempts.length === 1 ? 'attempt' : 'attempts'}
      </span>
      {last?.responseBody && <pre className={styles.response}>{last.responseBody}</pre>}
      {replay.isError && <FormError>{describeError(replay.error)}</FormError>}
    </li>
  );
}
