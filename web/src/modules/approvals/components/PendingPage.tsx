import { listPaymentsInfiniteOptions, type PaymentDto, type PaymentStatus } from '@khata/client';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { onPaymentEvent } from '../shared/events';
import { cursorPaging } from '../shared/lists';
import { Empty, ErrorNote, Loading } from '../shared/ui';
import { ApproveDialog, RejectDialog, type OnDecided } from './Decisions';
import { PaymentRow } from './PaymentRow';

interface Decided {
  payment: PaymentDto;
  here: boolean;
}

const DECIDED_TEXT: Record<PaymentStatus, [string, string]> = {
  pending: ['', ''],
  approved: ['You approved this payment.', 'Approved elsewhere (another tab or device).'],
  rejected: ['You rejected this payment.', 'Rejected elsewhere (another tab or device).'],
  cancelled: ['Cancelled.', 'The customer cancelled this claim.'],
};

/**
 * Claims waiting for a decision, live: new claims appear as they arrive, and a claim decided in another tab or
 * by the customer turns into a read-only row at once (no stale Approve button that would then fail).
 */
export function PendingPage() {
  const pending = useInfiniteQuery({ ...listPaymentsInfiniteOptions({ query: { status: 'pending', limit: 50 } }), ...cursorPaging });
  const [decided, setDecided] = useState<Map<string, Decided>>(new Map());
  const [approving, setApproving] = useState<PaymentDto | null>(null);
  const [rejecting, setRejecting] = useState<PaymentDto | null>(null);
  const seen = useRef(new Set<string>());

  const items = useMemo(() => pending.data?.pages.flatMap((p) => p.items) ?? [], [pending.data]);
  useEffect(() => {
    items.forEach((p) => seen.current.add(p.id));
  }, [items]);

  const markDecided: OnDecided = useCallback((payment, status, here) => {
    setDecided((old) => {
      const previous = old.get(payment.id);
      const next = new Map(old);
      next.set(payment.id, { payment: { ...payment, status }, here: previous?.here || here });
      return next;
    });
  }, []);

  useEffect(
    () =>
      onPaymentEvent(({ type, payment }) => {
        if (type !== 'payment.created' && seen.current.has(payment.id)) markDecided(payment, payment.status, false);
      }),
    [markDecided],
  );

  const rows = useMemo(() => {
    const byId = new Map<string, { payment: PaymentDto; decided?: Decided }>();
    for (const payment of items) byId.set(payment.id, { payment, decided: decided.get(payment.id) });
    for (const [id, d] of decided) byId.set(id, { payment: d.payment, decided: d });
    return [...byId.values()].sort((a, b) => b.payment.createdAt.localeCompare(a.payment.createdAt));
  }, [items, decided]);

  const waiting = rows.filter((r) => !r.decided && r.payment.status === 'pending').length;
  const closeApprove = useCallback(() => setApproving(null), []);
  const closeReject = useCallback(() => setRejecting(null), []);

  return (
    <>
      <h1>Pending payments</h1>
      <p className="muted" aria-live="polite">
        {pending.isSuccess
          ? waiting === 0
            ? 'Nothing is waiting for you.'
            : `${waiting} waiting for your decision. New claims appear here by themselves.`
          : ''}
      </p>
      {pending.isPending ? (
        <Loading />
      ) : pending.isError ? (
        <ErrorNote error={pending.error} onRetry={() => void pending.refetch()} />
      ) : rows.length === 0 ? (
        <Empty>No payments are waiting. When a customer says “I paid”, it shows up here.</Empty>
      ) : (
        <ul className="cards">
          {rows.map(({ payment, decided: d }) => {
            const open = !d && payment.status === 'pending';
            return (
              <PaymentRow key={payment.id} payment={payment} note={d ? DECIDED_TEXT[d.payment.status][d.here ? 0 : 1] : undefined}>
                {open && (
                  <>
                    <button
                      type="button"
                      className="button primary"
                      onClick={() => setApproving(payment)}
                      aria-label={`Approve ${payment.customerName}’s payment`}
                    >
                      Approve
                    </button>
                    <button
                      type="button"
                      className="button danger-outline"
                      onClick={() => setRejecting(payment)}
                      aria-label={`Reject ${payment.customerName}’s payment`}
                    >
                      Reject
                    </button>
                  </>
                )}
              </PaymentRow>
            );
          })}
        </ul>
      )}
      {pending.hasNextPage && (
        <button type="button" className="button secondary" onClick={() => void pending.fetchNextPage()}>
          Show more
        </button>
      )}
      <ApproveDialog
        payment={approving}
        liveStatus={approving ? decided.get(approving.id)?.payment.status : undefined}
        onClose={closeApprove}
        onDecided={markDecided}
      />
      <RejectDialog
        payment={rejecting}
        liveStatus={rejecting ? decided.get(rejecting.id)?.payment.status : undefined}
        onClose={closeReject}
        onDecided={markDecided}
      />
    </>
  );
}
