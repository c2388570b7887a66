import { getAccountOptions, listPaymentsOptions } from '@khata/client';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Ledger } from '../shared/Ledger';
import { signOf } from '../shared/money';
import { Link } from '../shared/router';
import { Balance, Empty, ErrorNote, Loading } from '../shared/ui';
import { ClaimList } from './ClaimList';
import { PayPanel } from './PayPanel';

export function AccountPage({ accountId }: { accountId: string }) {
  const account = useQuery(getAccountOptions({ path: { accountId } }));
  const claims = useQuery(listPaymentsOptions({ query: { accountId, limit: 10 } }));
  const [paying, setPaying] = useState(false);

  if (account.isPending) return <Loading />;
  if (account.isError) return <ErrorNote error={account.error} onRetry={() => void account.refetch()} />;
  const a = account.data;

  return (
    <>
      <p>
        <Link to="/">← My accounts</Link>
      </p>
      <h1>{a.businessName}</h1>
      {a.mergedInto && (
        <p className="callout" role="note">
          This account was merged into another one with {a.businessName}; its history stays here.{' '}
          <Link to={`/accounts/${a.mergedInto}`}>Open the account in use</Link>
        </p>
      )}
      <section className="card hero" aria-label="Balance">
        <p className="hero-amount">
          <Balance amount={a.currentBalance} who="you" />
        </p>
        {!paying && !a.mergedInto && (
          <button type="button" className="button primary phonepe" onClick={() => setPaying(true)}>
            Pay via PhonePe
          </button>
        )}
      </section>
      {paying && (
        <PayPanel
          businessId={a.businessId}
          businessName={a.businessName}
          upiId={a.businessUpiId}
          defaultAmount={signOf(a.currentBalance) > 0 ? a.currentBalance : ''}
          onClose={() => setPaying(false)}
        />
      )}
      <section aria-labelledby="claims-heading">
        <h2 id="claims-heading">Your payment claims</h2>
        {claims.isPending ? (
          <Loading />
        ) : claims.isError ? (
          <ErrorNote error={claims.error} onRetry={() => void claims.refetch()} />
        ) : claims.data.items.length === 0 ? (
          <Empty>No claims yet. After paying, tell {a.businessName} here.</Empty>
        ) : (
          <ClaimList payments={claims.data.items} showBusiness={false} />
        )}
      </section>
      <section aria-labelledby="ledger-heading">
        <h2 id="ledger-heading">Ledger</h2>
        <Ledger accountId={accountId} viewer="customer" />
      </section>
    </>
  );
}
