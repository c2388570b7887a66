import type { ReactNode } from 'react';
import { Balance } from './Balance';
import styles from './BalanceCard.module.css';
import card from './Card.module.css';
import { cx } from './cx';

/** An account's balance, large, at the top of its page; `children` is what can be done about it. */
export function BalanceCard({ amount, who, children }: { amount: string; who: 'you' | 'they'; children?: ReactNode }) {
  return (
    <section className={cx(card.card, styles.hero)} aria-label="Balance">
      <p className={styles.amount}>
        <Balance amount={amount} who={who} />
      </p>
      {children}
    </section>
  );
}
