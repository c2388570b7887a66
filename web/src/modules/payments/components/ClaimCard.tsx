import type { PaymentDto } from '@khata/client';
import { PAYMENT_STATUS } from '../../../shared/format/payment-status';
import { Button } from '../../../shared/ui/Button';
import card from '../../../shared/ui/Card.module.css';
import { Money } from '../../../shared/ui/Money';
import { StatusBadge } from '../../../shared/ui/StatusBadge';
import styles from './ClaimCard.module.css';
import { PaymentFacts } from './PaymentFacts';
import { PaymentNotes } from './PaymentNotes';
import meta from './PaymentNotes.module.css';

/** One of the customer's claims: amount and status as it changes (live), the reason when rejected. */
export function ClaimCard({ payment, showBusiness, onCancel }: { payment: PaymentDto; showBusiness: boolean; onCancel: () => void }) {
  return (
    <li className={card.card}>
      <div className={styles.head}>
        <strong className={styles.amount}>
          <Money amount={payment.amount} />
        </strong>
        <StatusBadge status={payment.status} />
      </div>
      {showBusiness && <div>To {payment.businessName}</div>}
      <PaymentFacts payment={payment} />
      <PaymentNotes payment={payment}>
        <p className={meta.statusLine}>{PAYMENT_STATUS[payment.status].forCustomer}</p>
      </PaymentNotes>
      {payment.status === 'pending' && (
        <Button variant="secondary" small onClick={onCancel}>
          Cancel claim
        </Button>
      )}
    </li>
  );
}
