import { listPaymentsInfiniteOptions, type PaymentDto } from '@khata/client';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useCallback, useMemo, useState } from 'react';
import { allItems, cursorPaging } from '../../../shared/api/query-client';
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

function decidedNote(d: Decided): string {
  const words = PAYMENT_STATUS[d.payment.status];
  return d.here ? words.decidedHere : words.decidedElsewhere;
}

/**
 * Claims waiting for a decision, live: new claims appear as they arrive, and a claim decided in another tab or
 * by the customer turns into a read-only row at once (no stale Approve button that would then fail).
 */
export function PendingPage() {
  const pending = useInfiniteQuery({ ...listPaymentsInfiniteOptions({ query: { status: 'pending', limit: 50 } }), ...cursorPaging });
  const items = useMemo(() => (pending.data ? allItems(pending.data) : []), [pending.data]);
  const { rows, waiting, markDecided, liveStatus } = usePendingRows(items);
  const [approving, setApproving] = useState<PaymentDto | null>(null);
  const [rejecting, setRejecting] = useState<PaymentDto | null>(null);
  const closeApprove = useCallback(() => setApproving(null), []);
  const closeReject = useCallback(() => setRejecting(null), []);

  return (
    <>
      <h1>Pending payments</h1>
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
              <PaymentRow key={payment.id} payment={payment} note={decided ? decidedNote(decided) : undefined}>
                {!decided && payment.status === 'pending' && (
                  <>
                    <Button
                      variant="primary"
                      grow
                      onClick={() => setApproving(payment)}
                      aria-label={`Approve ${payment.customerName}’s payment`}
                    >
                      Approve
                    </Button>
                    <Button
                      variant="dangerOutline"
                      grow
                      onClick={() => setRejecting(payment)}
                      aria-label={`Reject ${payment.customerName}’s payment`}
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
