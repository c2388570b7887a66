import { listPaymentsInfiniteOptions, type PaymentStatus } from '@khata/client';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { navigate, useLocation } from '../../../app/router';
import { allItems, cursorPaging } from '../../../shared/api/query-client';
import { PAYMENT_STATUSES } from '../../../shared/format/payment-status';
import { Button } from '../../../shared/ui/Button';
import card from '../../../shared/ui/Card.module.css';
import { QueryState } from '../../../shared/ui/QueryState';
import { ShowMore } from '../../../shared/ui/ShowMore';
import { PaymentRow } from '../../payments/components/PaymentRow';
import { AuditTrail } from './AuditTrail';
import { StatusFilter } from './StatusFilter';

/** The filter lives in the address (/history?status=rejected): back, forward, reload and a shared link keep it. */
function statusFrom(query: URLSearchParams): PaymentStatus | undefined {
  const status = query.get('status');
  return PAYMENT_STATUSES.find((s) => s === status);
}

function setStatus(status: PaymentStatus | undefined) {
  navigate(status ? `/history?status=${status}` : '/history');
}

/** Every claim the shop received, filtered by status, each with its audit trail. */
export function HistoryPage() {
  const status = statusFrom(useLocation().query);
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
