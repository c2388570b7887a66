import { getAccountOptions, listPaymentsOptions } from '@khata/client';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from '../../../app/router';
import { signOf } from '../../../shared/format/money';
import { BalanceCard } from '../../../shared/ui/BalanceCard';
import { Button } from '../../../shared/ui/Button';
import { QueryState } from '../../../shared/ui/QueryState';
import { LedgerSection } from '../../ledger/components/LedgerSection';
import { ClaimList } from '../../payments/components/ClaimList';
import { MergedNote } from './MergedNote';
import { PayPanel } from '../../payments/components/PayPanel';

/** A customer's account with one shop: the balance, paying it, their claims and the ledger. */
export function AccountPage({ accountId }: { accountId: string }) {
  const account = useQuery(getAccountOptions({ path: { accountId } }));
  const claims = useQuery(listPaymentsOptions({ query: { accountId, limit: 10 } }));
  const [paying, setPaying] = useState(false);

  return (
    <QueryState query={account}>
      {(a) => (
        <>
          <p>
            <Link to="/">← My accounts</Link>
          </p>
          <h1>{a.businessName}</h1>
          {a.mergedInto && <MergedNote to={`/accounts/${a.mergedInto}`} business={a.businessName} />}
          <BalanceCard amount={a.currentBalance} who="you">
            {!paying && !a.mergedInto && (
              <Button variant="primary" wide onClick={() => setPaying(true)}>
                Pay via PhonePe
              </Button>
            )}
          </BalanceCard>
          {paying && (
            <PayPanel
              businessId={a.businessId}
              businessName={a.businessName}
              customerName={a.customerName}
              upiId={a.businessUpiId}
              defaultAmount={signOf(a.currentBalance) > 0 ? a.currentBalance : ''}
              onClose={() => setPaying(false)}
            />
          )}
          <section aria-labelledby="claims-heading">
            <h2 id="claims-heading">Your payment claims</h2>
            <QueryState
              query={claims}
              isEmpty={(page) => page.items.length === 0}
              empty={<>No claims yet. After paying, tell {a.businessName} here.</>}
            >
              {(page) => <ClaimList payments={page.items} showBusiness={false} />}
            </QueryState>
          </section>
          <LedgerSection accountId={accountId} viewer="customer" />
        </>
      )}
    </QueryState>
  );
}
