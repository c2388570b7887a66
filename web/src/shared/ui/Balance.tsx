import { balanceInWords, signOf } from '../format/money';
import styles from './Balance.module.css';
import { cx } from './cx';

/** A balance in words ("You owe ₹1,250.00", "Advance ₹200.00", "All settled"), coloured by its sign. */
export function Balance({ amount, who }: { amount: string; who: 'you' | 'they' }) {
  const sign = signOf(amount);
  return (
    <span className={cx(styles.balance, sign > 0 ? styles.owes : sign < 0 ? styles.advance : styles.settled)}>
      {balanceInWords(amount, who)}
    </span>
  );
}
