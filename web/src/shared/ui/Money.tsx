import { formatRupees } from '../format/money';
import styles from './Money.module.css';

export function Money({ amount }: { amount: string }) {
  return <span className={styles.money}>{formatRupees(amount)}</span>;
}
