import type { PaymentDto } from '@khata/client';
import { Link } from '../../../app/router';
import { PAYMENT_STATUS } from '../../../shared/format/payment-status';
import { Button, buttonClass } from '../../../shared/ui/Button';
import card from '../../../shared/ui/Card.module.css';
import { Money } from '../../../shared/ui/Money';
import { StatusBadge } from '../../../shared/ui/StatusBadge';
import styles from './ClaimCard.module.css';
import { PaymentFacts } from './PaymentFacts';
import { PaymentNotes } from './PaymentNotes';
import meta from './PaymentNotes.module.css';

/** Where "Send again" leads: the claim's account with the pay panel open, filled in from the rejected claim. */
export function sendAgainLink(payment: PaymentDto): string {
  return `/accounts/${payment.accountId}?again=${payment.id}`;
}

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
      {payment.status === 'rejected' && (
        // The pay panel of the account opens with this claim's amount and note (sendAgainLink); the UTR is theirs to fix.
        <Link to={sendAgainLink(payment)} className={buttonClass({ variant: 'secondary', small: true })}>
          Send again
        </Link>
      )}
    </li>
  );
}
