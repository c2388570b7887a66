import { getAccountOptions, getPaymentOptions, listPaymentsOptions } from '@khata/client';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { NotFoundPage } from '../../../app/NotFoundPage';
import { TapLink } from '../../../shared/ui/TapLink';
import { navigate, useLocation } from '../../../app/router';
import { signOf } from '../../../shared/format/money';
import { BalanceCard } from '../../../shared/ui/BalanceCard';
import { Button } from '../../../shared/ui/Button';
import { QueryState } from '../../../shared/ui/QueryState';
import { LedgerSection } from '../../ledger/components/LedgerSection';
import { ClaimList } from '../../payments/components/ClaimList';
import { MergedNote } from './MergedNote';
import { WaitingClaims } from './WaitingClaims';
import { PayPanel } from '../../payments/components/PayPanel';

/**
 * A customer's account with one shop: the balance (and claims waiting), paying it, their claims and the ledger.
 * `?again=<claim>` opens the pay panel filled in from a rejected claim ("Send again").
 */
export function AccountPage({ accountId }: { accountId: string }) {
  const account = useQuery(getAccountOptions({ path: { accountId } }));
  const claims = useQuery(listPaymentsOptions({ query: { accountId, limit: 10 } }));
  const [open, setOpen] = useState(false);
  const againId = useLocation().query.get('again');
  const again = useQuery({ ...getPaymentOptions({ path: { paymentId: againId ?? '' } }), enabled: againId !== null });
  const resend = again.data?.status === 'rejected' && again.data.accountId === accountId ? again.data : null;
  const paying = open || resend !== null;
  const close = () => {
    setOpen(false);
    if (againId !== null) navigate(`/accounts/${accountId}`, { replace: true });
  };

  return (
    <QueryState query={account} notFound={<NotFoundPage what="account" home="Go to my accounts" />}>
      {(a) => (
        <>
          <p>
            <TapLink to="/">← My accounts</TapLink>
          </p>
          <h1>{a.businessName}</h1>
          {a.mergedInto && <MergedNote to={`/accounts/${a.mergedInto}`} business={a.businessName} />}
          <BalanceCard amount={a.currentBalance} who="you">
            <WaitingClaims amount={a.pendingTotal} who="you" />
            {!paying && !a.mergedInto && (
              <Button variant="primary" wide onClick={() => setOpen(true)}>
                Pay via PhonePe
              </Button>
            )}
          </BalanceCard>
          {paying && (
            <PayPanel
              key={resend?.id ?? 'pay'}
              businessId={a.businessId}
              businessName={a.businessName}
              customerName={a.customerName}
              upiId={a.businessUpiId}
              defaultAmount={resend ? resend.amount : signOf(a.currentBalance) > 0 ? a.currentBalance : ''}
              again={resend ?? undefined}
              onClose={close}
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
