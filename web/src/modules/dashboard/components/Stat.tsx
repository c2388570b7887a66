import type { ReactNode } from 'react';
import card from '../../../shared/ui/Card.module.css';
import { cx } from '../../../shared/ui/cx';
import { Money } from '../../../shared/ui/Money';
import text from '../../../shared/ui/text.module.css';
import styles from './Stats.module.css';

/** One figure of the dashboard: what it is, the amount, a line under it. */
export function Stat({ label, amount, children }: { label: string; amount: string; children: ReactNode }) {
  return (
    <div className={cx(card.card, styles.stat)}>
      <span className={text.muted}>{label}</span>
      <strong className={styles.figure}>
        <Money amount={amount} />
      </strong>
      <span className={cx(text.muted, text.small)}>{children}</span>
    </div>
  );
}
