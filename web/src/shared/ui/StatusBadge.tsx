import type { PaymentStatus } from '@khata/client';
import { PAYMENT_STATUS } from '../format/payment-status';
import { cx } from './cx';
import styles from './StatusBadge.module.css';

export function StatusBadge({ status }: { status: PaymentStatus }) {
  return <span className={cx(styles.badge, styles[status])}>{PAYMENT_STATUS[status].label}</span>;
}
