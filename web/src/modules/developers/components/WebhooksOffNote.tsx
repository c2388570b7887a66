import { listWebhookEndpointsOptions } from '@khata/client';
import { useQuery } from '@tanstack/react-query';
import { Link } from '../../../app/router';
import { Callout } from '../../../shared/ui/Callout';
import styles from './WebhooksOffNote.module.css';

/**
 * Tells the owner, at the top of the dashboard, that the webhooks to an endpoint have stopped (it answered 410, it
 * failed for days, or it was turned off) until it is turned on again on the Developers page.
 */
export function WebhooksOffNote() {
  const endpoints = useQuery(listWebhookEndpointsOptions());
  const off = endpoints.data?.items.filter((e) => !e.enabled) ?? [];
  if (off.length === 0) return null;
  const [first] = off;
  const reason = first!.disabledReason ?? 'Turned off';
  return (
    <div className={styles.note}>
      <Callout>
        {off.length === 1 ? (
          <>
            Webhooks to <span className={styles.url}>{first!.url}</span> have stopped: {reason.charAt(0).toLowerCase() + reason.slice(1)}.
          </>
        ) : (
          <>Webhooks to {off.length} of your endpoints have stopped.</>
        )}{' '}
        <Link to="/developers">Turn {off.length === 1 ? 'it' : 'them'} on again</Link> when your server is ready: the events kept meanwhile
        go out then.
      </Callout>
    </div>
  );
}
