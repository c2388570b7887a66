import { listAccountsOptions } from '@khata/client';
import { useQuery } from '@tanstack/react-query';
import { Link } from '../../../app/router';
import { buttonClass } from '../../../shared/ui/Button';
import card from '../../../shared/ui/Card.module.css';
import styles from './AccountsPage.module.css';
import { QueryState } from '../../../shared/ui/QueryState';
import { signOf } from '../../../shared/format/money';
import { AccountLink } from './AccountLink';
import { WaitingClaims } from './WaitingClaims';

/** The customer's home: each shop they have an account with, and what they owe it. */
export function AccountsPage() {
  const accounts = useQuery(listAccountsOptions({ query: { limit: 100 } }));
  return (
    <>
      <h1>My accounts</h1>
      <QueryState
        query={accounts}
        isEmpty={(page) => page.items.length === 0}
        empty={
          <>You are not connected to any shop yet. Ask your shop for its join code or scan the QR code at its counter, then join it here.</>
        }
      >
        {(page) => (
          <ul className={card.cards}>
            {page.items.map((account) => (
              <AccountLink
                key={account.id}
                to={`/accounts/${account.id}`}
                title={account.businessName}
                details={
                  signOf(account.pendingTotal) > 0 ? (
                    <WaitingClaims amount={account.pendingTotal} who="you" className={styles.waiting} />
                  ) : undefined
                }
                balance={account.currentBalance}
                who="you"
              />
            ))}
          </ul>
        )}
      </QueryState>
      {accounts.isSuccess && (
        // "another" only when there is one: a customer with no shop yet gets "Join a shop" as the main call.
        <p>
          {accounts.data.items.length > 0 ? (
            <Link to="/join" className={buttonClass({ variant: 'secondary' })}>
              Join another shop
            </Link>
          ) : (
            <Link to="/join" className={buttonClass({ variant: 'primary' })}>
              Join a shop
            </Link>
          )}
        </p>
      )}
    </>
  );
}
