import type { PaymentDto } from '@khata/client';
import type { ReactNode } from 'react';
import { formatWhen } from '../shared/time';
import { Money, Phone, StatusBadge } from '../shared/ui';

/** One claim as the shopkeeper reads it: who, how much, how, when, their note and UTR. */
export function PaymentRow({ payment, note, children }: { payment: PaymentDto; note?: ReactNode; children?: ReactNode }) {
  return (
    <li className={`card payment payment-${payment.status}`}>
      <div className="row">
        <div>
          <strong className="name">{payment.customerName}</strong>
          <div className="muted small">
            <Phone number={payment.customerPhone} />
          </div>
        </div>
        <div className="right">
          <strong className="big">
            <Money amount={payment.amount} />
          </strong>
          <div>
            <StatusBadge status={payment.status} />
          </div>
        </div>
      </div>
      <div className="muted small">
        {formatWhen(payment.createdAt)} · {payment.paymentMethod}
        {payment.utr ? (
          <>
            {' · '}
            <span className="nowrap">UTR {payment.utr}</span>
          </>
        ) : (
          <> · no UTR</>
        )}
      </div>
      {payment.notes && <div className="notes">“{payment.notes}”</div>}
      {payment.status === 'rejected' && payment.rejectionReason && (
        <p className="reason">
          <strong>Reason:</strong> {payment.rejectionReason}
        </p>
      )}
      {note && <p className="row-note">{note}</p>}
      {children && <div className="actions">{children}</div>}
    </li>
  );
}
