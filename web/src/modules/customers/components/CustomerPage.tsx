import { getAccountOptions } from '@khata/client';
import { useQuery } from '@tanstack/react-query';
import { NotFoundPage } from '../../../app/NotFoundPage';
import { TapLink } from '../../../shared/ui/TapLink';
import { BalanceCard } from '../../../shared/ui/BalanceCard';
import { Phone } from '../../../shared/ui/Phone';
import { QueryState } from '../../../shared/ui/QueryState';
import text from '../../../shared/ui/text.module.css';
import { TwoColumns } from '../../../shared/ui/TwoColumns';
import { MergedNote } from '../../accounts/components/MergedNote';
import { WaitingClaims } from '../../accounts/components/WaitingClaims';
import { LedgerSection } from '../../ledger/components/LedgerSection';
import { InviteCode } from './InviteCode';
import { MergeAccounts } from './MergeAccounts';
import { RecordEntryForm } from './RecordEntryForm';

/** One customer's account, as the shop sees it: balance, invite code until they join, entries, merging, ledger. */
export function CustomerPage({ accountId }: { accountId: string }) {
  const account = useQuery(getAccountOptions({ path: { accountId } }));
  return (
    <QueryState query={account} notFound={<NotFoundPage what="customer" home="Go to the dashboard" />}>
      {(a) => (
        <>
          <p>
            <TapLink to="/customers">← Customers</TapLink>
          </p>
          <h1>{a.customerName}</h1>
          <p className={text.muted}>
            <Phone number={a.customerPhone} />
          </p>
          {a.mergedInto && <MergedNote to={`/customers/${a.mergedInto}`} />}
          <BalanceCard amount={a.currentBalance} who="they">
            <WaitingClaims amount={a.pendingTotal} who="they" />
            {!a.claimed && a.inviteCode && <InviteCode code={a.inviteCode} name={a.customerName} />}
          </BalanceCard>
          {!a.mergedInto && <MergeAccounts into={a} />}
          <TwoColumns>
            {!a.mergedInto && <RecordEntryForm accountId={accountId} name={a.customerName} />}
            <LedgerSection accountId={accountId} viewer="business" correctable={!a.mergedInto} />
          </TwoColumns>
        </>
      )}
    </QueryState>
  );
}
