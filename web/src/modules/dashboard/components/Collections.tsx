import type { CollectionsDto } from '@khata/client';
import card from '../../../shared/ui/Card.module.css';
import { cx } from '../../../shared/ui/cx';
import { Money } from '../../../shared/ui/Money';
import text from '../../../shared/ui/text.module.css';
import styles from './Stats.module.css';

const PERIODS: { key: keyof CollectionsDto; label: string }[] = [
  { key: 'today', label: 'Today' },
  { key: 'thisWeek', label: 'This week' },
  { key: 'thisMonth', label: 'This month' },
];

/** Money received (approved claims and cash recorded, less corrections of them), by IST day, week and month. */
export function Collections({ collected }: { collected: CollectionsDto }) {
  return (
    <section className={cx(card.card, styles.collections)} aria-labelledby="collected-heading">
      <h2 id="collected-heading" className={styles.collectionsHeading}>
        Money collected
      </h2>
      <dl className={styles.periods}>
        {PERIODS.map((p) => (
          <div key={p.key}>
            <dt className={text.muted}>{p.label}</dt>
            <dd className={styles.figure}>
              <Money amount={collected[p.key]} />
            </dd>
          </div>
        ))}
      </dl>
      <p className={cx(text.muted, text.small, styles.collectionsNote)}>PhonePe payments you approved and cash you recorded (IST).</p>
    </section>
  );
}
