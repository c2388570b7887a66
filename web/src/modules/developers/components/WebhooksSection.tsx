import { listWebhookEndpointsOptions } from '@khata/client';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Button } from '../../../shared/ui/Button';
import card from '../../../shared/ui/Card.module.css';
import { HeadingRow } from '../../../shared/ui/HeadingRow';
import { QueryState } from '../../../shared/ui/QueryState';
import { AddEndpointDialog } from './AddEndpointDialog';
import styles from './Developers.module.css';
import { EndpointCard } from './EndpointCard';

/** The Developers page's webhooks: the shop's endpoints, and adding one. */
export function WebhooksSection() {
  const endpoints = useQuery(listWebhookEndpointsOptions());
  const [adding, setAdding] = useState(false);
  const disabled = endpoints.data?.items.filter((e) => !e.enabled).length ?? 0;
  return (
    <section className={styles.section} aria-labelledby="webhooks-heading">
      <HeadingRow>
        <h2 id="webhooks-heading">Webhooks</h2>
        <Button variant="primary" onClick={() => setAdding(true)}>
          Add endpoint
        </Button>
      </HeadingRow>
      <p className={styles.intro}>
        We POST each event you choose to your server, signed the Standard Webhooks way, and retry for about three days if it does not
        answer.
      </p>
      {disabled > 0 && (
        <p role="alert">
          {disabled === 1 ? 'One endpoint is' : `${disabled} endpoints are`} turned off: their events wait until they are on again. See why
          below.
        </p>
      )}
      <QueryState query={endpoints} isEmpty={(list) => list.items.length === 0} empty="No endpoints yet.">
        {(list) => (
          <ul className={card.cards}>
            {list.items.map((endpoint) => (
              <EndpointCard key={endpoint.id} endpoint={endpoint} />
            ))}
          </ul>
        )}
      </QueryState>
      <AddEndpointDialog open={adding} onClose={() => setAdding(false)} />
    </section>
  );
}
