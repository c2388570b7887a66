import { listAccountsOptions } from '@khata/client';
import { useQuery } from '@tanstack/react-query';
import { Link } from '../shared/router';
import { Balance, Empty, ErrorNote, Loading } from '../shared/ui';

export function AccountsPage() {
  const accounts = useQuery(listAccountsOptions({ query: { limit: 100 } }));
  return (
    <>
      <h1>My accounts</h1>
      {accounts.isPending ? (
        <Loading />
      ) : accounts.isError ? (
        <ErrorNote error={accounts.error} onRetry={() => void accounts.refetch()} />
      ) : accounts.data.items.length === 0 ? (
        <Empty>
          You are not connected to any shop yet. Ask your shop for its join code, then <Link to="/join">join the shop</Link>.
        </Empty>
      ) : (
        <ul className="cards">
          {accounts.data.items.map((account) => (
            <li key={account.id}>
              <Link to={`/accounts/${account.id}`} className="card account-card">
                <span className="title">{account.businessName}</span>
                <Balance amount={account.currentBalance} who="you" />
              </Link>
            </li>
          ))}
        </ul>
      )}
      <p>
        <Link to="/join" className="button secondary">
          Join another shop
        </Link>
      </p>
    </>
  );
}
