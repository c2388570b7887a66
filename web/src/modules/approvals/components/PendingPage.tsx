import { listPaymentsInfiniteOptions, type PaymentDto } from '@khata/client';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { allItems, cursorPaging } from '../../../shared/api/query-client';
import { formatRupees } from '../../../shared/format/money';
import { PAYMENT_STATUS } from '../../../shared/format/payment-status';
import { Button } from '../../../shared/ui/Button';
import card from '../../../shared/ui/Card.module.css';
import { QueryState } from '../../../shared/ui/QueryState';
import { ShowMore } from '../../../shared/ui/ShowMore';
import text from '../../../shared/ui/text.module.css';
import { PaymentRow } from '../../payments/components/PaymentRow';
import { usePendingRows, type Decided } from '../hooks/usePendingRows';
import { ApproveDialog } from './ApproveDialog';
import { RejectDialog } from './RejectDialog';

const headingId = (payment: PaymentDto) => `claim-${payment.id}`;

function decidedNote(d: Decided): string {
  const words = PAYMENT_STATUS[d.payment.status];
  return d.here ? words.decidedHere : words.decidedElsewhere;
}

/**
 * Claims waiting for a decision, live: new claims appear as they arrive, and a claim decided in another tab or
 * by the customer turns into a read-only row at once (no stale Approve button that would then fail). When a
 * dialog closes on a claim that is no longer pending (its buttons are gone), focus moves to the next claim still
 * waiting (its heading), or to the page's heading when none is: never to the page's body.
 */
export function PendingPage() {
  const pending = useInfiniteQuery({ ...listPaymentsInfiniteOptions({ query: { status: 'pending', limit: 50 } }), ...cursorPaging });
  const items = useMemo(() => (pending.data ? allItems(pending.data) : []), [pending.data]);
  const { rows, waiting, markDecided, liveStatus } = usePendingRows(items);
  const [approving, setApproving] = useState<PaymentDto | null>(null);
  const [rejecting, setRejecting] = useState<PaymentDto | null>(null);
  /** The claim whose dialog just closed: focus moves on from it if it is no longer pending. */
  const closedOn = useRef<string | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const closeApprove = useCallback(() => {
    if (approving) closedOn.current = approving.id;
    setApproving(null);
  }, [approving]);
  const closeReject = useCallback(() => {
    if (rejecting) closedOn.current = rejecting.id;
    setRejecting(null);
  }, [rejecting]);

  useEffect(() => {
    const closed = closedOn.current;
    if (!closed || approving || rejecting) return;
    closedOn.current = null;
    const index = rows.findIndex((r) => r.payment.id === closed);
    const waitingRow = (r: (typeof rows)[number]) => !r.decided && r.payment.status === 'pending';
    if (index >= 0 && waitingRow(rows[index])) return; // still to decide: the dialog gives focus back to its button
    const next = [...rows.slice(index + 1), ...rows.slice(0, Math.max(index, 0))].find(waitingRow);
    const target = next ? document.getElementById(headingId(next.payment)) : heading.current;
    target?.focus();
  }, [approving, rejecting, rows]);

  return (
    <>
      <h1 ref={heading} tabIndex={-1}>
        Pending payments
      </h1>
      <p className={text.muted} aria-live="polite">
        {pending.isSuccess
          ? waiting === 0
            ? 'Nothing is waiting for you.'
            : `${waiting} waiting for your decision. New claims appear here by themselves.`
          : ''}
      </p>
      <QueryState
        query={pending}
        isEmpty={() => rows.length === 0}
        empty="No payments are waiting. When a customer says “I paid”, it shows up here."
      >
        {() => (
          <ul className={card.cards}>
            {rows.map(({ payment, decided }) => (
              <PaymentRow
                key={payment.id}
                payment={payment}
                headingId={headingId(payment)}
                note={decided ? decidedNote(decided) : undefined}
              >
                {!decided && payment.status === 'pending' && (
                  <>
                    <Button
                      variant="primary"
                      grow
                      onClick={() => setApproving(payment)}
                      aria-label={`Approve ${formatRupees(payment.amount)} from ${payment.customerName}`}
                    >
                      Approve
                    </Button>
                    <Button
                      variant="dangerOutline"
                      grow
                      onClick={() => setRejecting(payment)}
                      aria-label={`Reject ${formatRupees(payment.amount)} from ${payment.customerName}`}
                    >
                      Reject
                    </Button>
                  </>
                )}
              </PaymentRow>
            ))}
          </ul>
        )}
      </QueryState>
      <ShowMore list={pending} enabledWhileFetching>
        Show more
      </ShowMore>
      <ApproveDialog payment={approving} liveStatus={liveStatus(approving)} onClose={closeApprove} onDecided={markDecided} />
      <RejectDialog payment={rejecting} liveStatus={liveStatus(rejecting)} onClose={closeReject} onDecided={markDecided} />
    </>
  );
}
