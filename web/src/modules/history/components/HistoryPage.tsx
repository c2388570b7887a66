import { getPaymentHistoryOptions, listPaymentsInfiniteOptions, type PaymentEventDto, type PaymentStatus } from '@khata/client';
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { cursorPaging } from '../shared/lists';
import { formatWhen } from '../shared/time';
import { Empty, ErrorNote, Loading } from '../shared/ui';
import { PaymentRow } from './PaymentRow';

const FILTERS: { label: string; status?: PaymentStatus }[] = [
  { label: 'All' },
  { label: 'Pending', status: 'pending' },
  { label: 'Approved', status: 'approved' },
  { label: 'Rejected', status: 'rejected' },
  { label: 'Cancelled', status: 'cancelled' },
];

const EVENT_WORDS: Record<PaymentEventDto['type'], string> = {
  submitted: 'Claim submitted',
  approved: 'Approved',
  rejected: 'Rejected',
  cancelled: 'Cancelled',
};

const ACTOR_WORDS: Record<PaymentEventDto['actorRole'], string> = {
  business: 'by you',
  customer: 'by the customer',
  system: 'by the system',
};

function AuditTrail({ paymentId }: { paymentId: string }) {
  const history = useQuery(getPaymentHistoryOptions({ path: { paymentId } }));
  if (history.isPending) return <Loading label="Loading the audit trail…" />;
  if (history.isError) return <ErrorNote error={history.error} onRetry={() => void history.refetch()} />;
  return (
    <ol className="audit">
      {history.data.items.map((event, i) => (
        <li key={i}>
          <strong>{EVENT_WORDS[event.type]}</strong> {ACTOR_WORDS[event.actorRole]} · {formatWhen(event.at)}
          {event.reason && <div className="reason">Reason: {event.reason}</div>}
        </li>
      ))}
    </ol>
  );
}

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
      <div className="filters" role="group" aria-label="Show payments">
        {FILTERS.map((f) => (
          <button key={f.label} type="button" className="chip" aria-pressed={status === f.status} onClick={() => setStatus(f.status)}>
            {f.label}
          </button>
        ))}
      </div>
      {payments.isPending ? (
        <Loading />
      ) : payments.isError ? (
        <ErrorNote error={payments.error} onRetry={() => void payments.refetch()} />
      ) : payments.data.pages[0].items.length === 0 ? (
        <Empty>No payments here.</Empty>
      ) : (
        <ul className="cards">
          {payments.data.pages
            .flatMap((p) => p.items)
            .map((payment) => (
              <PaymentRow key={payment.id} payment={payment}>
                <button
                  type="button"
                  className="button ghost small"
                  aria-expanded={open === payment.id}
                  onClick={() => setOpen(open === payment.id ? null : payment.id)}
                >
                  Audit trail
                </button>
                {open === payment.id && <AuditTrail paymentId={payment.id} />}
              </PaymentRow>
            ))}
        </ul>
      )}
      {payments.hasNextPage && (
        <button
          type="button"
          className="button secondary"
          onClick={() => void payments.fetchNextPage()}
          disabled={payments.isFetchingNextPage}
        >
          Show older payments
        </button>
      )}
    </>
  );
}
