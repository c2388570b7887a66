import { Ledger } from './Ledger';

/** The ledger under its heading, on an account's page (the customer's and the shop's). */
export function LedgerSection({ accountId, viewer }: { accountId: string; viewer: 'customer' | 'business' }) {
  return (
    <section aria-labelledby="ledger-heading">
      <h2 id="ledger-heading">Ledger</h2>
      <Ledger accountId={accountId} viewer={viewer} />
    </section>
  );
}
