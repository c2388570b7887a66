import type { PaymentStatus } from '@khata/client';
import { PAYMENT_STATUS, PAYMENT_STATUSES } from '../../../shared/format/payment-status';
import styles from './HistoryPage.module.css';

const FILTERS: { label: string; status?: PaymentStatus }[] = [
  { label: 'All' },
  ...PAYMENT_STATUSES.map((status) => ({ label: PAYMENT_STATUS[status].label, status })),
];

/** Which payments to show: all, or those of one status. */
export function StatusFilter({
  status,
  onChange,
}: {
  status: PaymentStatus | undefined;
  onChange: (status: PaymentStatus | undefined) => void;
}) {
  return (
    <div className={styles.filters} role="group" aria-label="Show payments">
      {FILTERS.map((f) => (
        <button key={f.label} type="button" className={styles.chip} aria-pressed={status === f.status} onClick={() => onChange(f.status)}>
          {f.label}
        </button>
      ))}
    </div>
  );
}
