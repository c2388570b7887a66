import type { PaymentDto } from '@khata/client';
import { formatWhen } from '../../../shared/format/time';
import { cx } from '../../../shared/ui/cx';
import { Money } from '../../../shared/ui/Money';
import { Phone } from '../../../shared/ui/Phone';
import text from '../../../shared/ui/text.module.css';
import styles from './PaymentSummary.module.css';

/** The payment being decided, as the shop checks it against PhonePe: who, how much, when, the UTR. */
export function PaymentSummary({ payment }: { payment: PaymentDto }) {
  return (
    <dl className={styles.summary}>
      <dt>Customer</dt>
      <dd>
        {payment.customerName}
        <span className={cx(text.muted, text.block)}>
          <Phone number={payment.customerPhone} />
        </span>
      </dd>
      <dt>Amount</dt>
      <dd>
        <Money amount={payment.amount} /> via {payment.paymentMethod}
      </dd>
      <dt>When</dt>
      <dd>{formatWhen(payment.createdAt)}</dd>
      {payment.utr && (
        <>
          <dt>UTR</dt>
          <dd>{payment.utr}</dd>
        </>
      )}
    </dl>
  );
}
