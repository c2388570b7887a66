import { listPaymentsInfiniteOptions, type PaymentStatus } from '@khata/client';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { allItems, cursorPaging } from '../../../shared/api/query-client';
import { Button } from '../../../shared/ui/Button';
import card from '../../../shared/ui/Card.module.css';
import { QueryState } from '../../../shared/ui/QueryState';
import { ShowMore } from '../../../shared/ui/ShowMore';
import { PaymentRow } from '../../payments/components/PaymentRow';
import { AuditTrail } from './AuditTrail';
import { StatusFilter } from './StatusFilter';

/** Every claim the shop received, filtered by status, each with its audit trail. */
export function HistoryPage() {
  const [status, setStatus] = useState<PaymentStatus | undefined>(undefined);
  const [open, setOpen] = useState<string | null>(null);
  const payments = useInfiniteQuery({
    ...listPaymentsInfiniteOptions({ query: { limit: 20, ...(status ? { status } : {}) } }),
    ...cursorPaging,
  });
  return (
    <>
      <h1>Payment history</h1>
      <StatusFilter status={status} onChange={setStatus} />
      <QueryState query={payments} isEmpty={(data) => data.pages[0].items.length === 0} empty="No payments here.">
        {(data) => (
          <ul className={card.cards}>
            {allItems(data).map((payment) => (
              <PaymentRow key={payment.id} payment={payment}>
                <Button
                  variant="ghost"
                  small
                  aria-expanded={open === payment.id}
                  onClick={() => setOpen(open === payment.id ? null : payment.id)}
                >
                  Audit trail
                </Button>
                {open === payment.id && <AuditTrail paymentId={payment.id} />}
              </PaymentRow>
            ))}
          </ul>
        )}
      </QueryState>
      <ShowMore list={payments}>Show older payments</ShowMore>
    </>
  );
}
