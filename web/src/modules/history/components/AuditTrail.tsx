import { getPaymentHistoryOptions } from '@khata/client';
import { useQuery } from '@tanstack/react-query';
import { AUDIT_ACTOR, AUDIT_EVENT } from '../../../shared/format/payment-status';
import { formatWhen } from '../../../shared/format/time';
import { QueryState } from '../../../shared/ui/QueryState';
import meta from '../../payments/components/PaymentNotes.module.css';
import styles from './HistoryPage.module.css';

/** Who did what to a payment, and when: "Claim submitted by the customer · Today, 3:42 pm". */
export function AuditTrail({ paymentId }: { paymentId: string }) {
  const history = useQuery(getPaymentHistoryOptions({ path: { paymentId } }));
  return (
    <QueryState query={history} loading="Loading the audit trail…">
      {(trail) => (
        <ol className={styles.audit}>
          {trail.items.map((event, i) => (
            <li key={i}>
              <strong>{AUDIT_EVENT[event.type]}</strong> {AUDIT_ACTOR[event.actorRole]} · {formatWhen(event.at)}
              {event.reason && <div className={meta.reason}>Reason: {event.reason}</div>}
            </li>
          ))}
        </ol>
      )}
    </QueryState>
  );
}
