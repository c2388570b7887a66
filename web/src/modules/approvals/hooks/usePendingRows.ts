import type { PaymentDto } from '@khata/client';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { onPaymentEvent } from '../../../shared/events/live-events';
import type { OnDecided } from './useDecision';

/** A claim decided while the page was open: its payment as decided, and whether this tab decided it. */
export interface Decided {
  payment: PaymentDto;
  here: boolean;
}

export interface PendingRow {
  payment: PaymentDto;
  decided?: Decided;
}

/**
 * The rows of the pending list: the claims the server lists as pending, plus those decided since they were shown
 * (here, in another tab, or cancelled by the customer), which stay, read-only, until the page is left. Newest first.
 */
export function usePendingRows(pending: PaymentDto[]) {
  const [decided, setDecided] = useState<Map<string, Decided>>(new Map());
  const seen = useRef(new Set<string>());

  useEffect(() => {
    pending.forEach((p) => seen.current.add(p.id));
  }, [pending]);

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
    const byId = new Map<string, PendingRow>();
    for (const payment of pending) byId.set(payment.id, { payment, decided: decided.get(payment.id) });
    for (const [id, d] of decided) byId.set(id, { payment: d.payment, decided: d });
    return [...byId.values()].sort((a, b) => b.payment.createdAt.localeCompare(a.payment.createdAt));
  }, [pending, decided]);

  const waiting = rows.filter((r) => !r.decided && r.payment.status === 'pending').length;
  /** The status a payment was decided to here or elsewhere, for a dialog still open on it. */
  const liveStatus = (payment: PaymentDto | null) => (payment ? decided.get(payment.id)?.payment.status : undefined);

  return { rows, waiting, markDecided, liveStatus };
}
