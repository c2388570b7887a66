import type { Viewer } from '../utils/entries';
import { Ledger } from './Ledger';

/** The ledger under its heading, on an account's page (the customer's and the shop's; the shop may correct it). */
export function LedgerSection({ accountId, viewer, correctable }: { accountId: string; viewer: Viewer; correctable?: boolean }) {
  return (
    <section aria-labelledby="ledger-heading">
      <h2 id="ledger-heading">Ledger</h2>
      <Ledger accountId={accountId} viewer={viewer} correctable={correctable} />
    </section>
  );
}
