import { listPaymentsOptions } from '@khata/client';
import { useQuery } from '@tanstack/react-query';
import card from '../../../shared/ui/Card.module.css';
import { HeadingRow } from '../../../shared/ui/HeadingRow';
import { QueryState } from '../../../shared/ui/QueryState';
import { TapLink } from '../../../shared/ui/TapLink';
import { PaymentRow } from '../../payments/components/PaymentRow';

/** The last five claims, whatever their status. */
export function RecentActivity() {
  const recent = useQuery(listPaymentsOptions({ query: { limit: 5 } }));
  return (
    <section aria-labelledby="recent-heading">
      <HeadingRow>
        <h2 id="recent-heading">Recent activity</h2>
        <TapLink to="/history">All payments</TapLink>
      </HeadingRow>
      <QueryState
        query={recent}
        isEmpty={(page) => page.items.length === 0}
        empty="No payments yet. Share your join code so customers can connect and pay."
      >
        {(page) => (
          <ul className={card.cards}>
            {page.items.map((payment) => (
              <PaymentRow key={payment.id} payment={payment} />
            ))}
          </ul>
        )}
      </QueryState>
    </section>
  );
}
