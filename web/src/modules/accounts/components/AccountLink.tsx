import type { ReactNode } from 'react';
import { Link } from '../../../app/router';
import { Balance } from '../../../shared/ui/Balance';
import card from '../../../shared/ui/Card.module.css';
import { cx } from '../../../shared/ui/cx';
import styles from './AccountsPage.module.css';

/**
 * One account in a list, as a card that opens it: whose (the shop for a customer, the customer for a shop), with
 * its balance in words. `details` goes under the name.
 */
export function AccountLink({
  to,
  title,
  details,
  balance,
  who,
}: {
  to: string;
  title: string;
  details?: ReactNode;
  balance: string;
  who: 'you' | 'they';
}) {
  return (
    <li>
      <Link to={to} className={cx(card.card, styles.account)}>
        {details === undefined ? (
          <span className={styles.title}>{title}</span>
        ) : (
          <span>
            <span className={styles.title}>{title}</span>
            {details}
          </span>
        )}
        <Balance amount={balance} who={who} />
      </Link>
    </li>
  );
}
