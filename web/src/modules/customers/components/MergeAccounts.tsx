import { listAccountsOptions, mergeAccountMutation, type AccountDto } from '@khata/client';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { refreshMoneyQueries } from '../shared/lists';
import { describeError } from '../shared/problems';
import { Balance, Dialog, Field, notify, Phone } from '../shared/ui';

/**
 * One person, two accounts (added by the shop, and joined with the join code; or added twice): find the other one
 * and merge it into this one. Its balance moves here by a pair of ledger entries; it stays, closed, with its history.
 */
export function MergeAccounts({ into }: { into: AccountDto }) {
  const [open, setOpen] = useState(false);
  const [q, setQ] = useState(into.customerPhone.slice(-10));
  const [chosen, setChosen] = useState<AccountDto | null>(null);
  const queryClient = useQueryClient();
  const candidates = useQuery({ ...listAccountsOptions({ query: { q, limit: 10 } }), enabled: open && q.trim().length > 0 });
  const merge = useMutation({
    ...mergeAccountMutation(),
    onSuccess: async (account) => {
      notify(`Merged ${chosen?.customerName ?? 'the other account'} into ${account.customerName}.`);
      setChosen(null);
      setOpen(false);
      await refreshMoneyQueries(queryClient);
    },
  });
  const others = (candidates.data?.items ?? []).filter((a) => a.id !== into.id);

  if (!open) {
    return (
      <button type="button" className="button secondary" onClick={() => setOpen(true)}>
        Merge another account into this one…
      </button>
    );
  }
  return (
    <section className="card" aria-labelledby="merge-heading">
      <h2 id="merge-heading">Merge another account into {into.customerName}</h2>
      <p className="muted">
        For one person with two accounts here. The other account’s balance moves here; it is closed and keeps its history.
      </p>
      <Field label="Find the other account (name or phone)" id="merge-search">
        <input id="merge-search" value={q} onChange={(e) => setQ(e.target.value)} />
      </Field>
      {candidates.isSuccess && others.length === 0 && <p className="muted">No other account matches.</p>}
      <ul className="merge-candidates">
        {others.map((other) => (
          <li key={other.id}>
            <span>
              <strong>{other.customerName}</strong>{' '}
              <span className="muted">
                <Phone number={other.customerPhone} /> · <Balance amount={other.currentBalance} who="they" />
              </span>
            </span>
            <button type="button" className="button secondary" onClick={() => setChosen(other)}>
              Merge {other.customerName} here
            </button>
          </li>
        ))}
      </ul>
      <button type="button" className="button secondary" onClick={() => setOpen(false)}>
        Cancel
      </button>
      <Dialog open={chosen !== null} onClose={() => (merge.reset(), setChosen(null))} title="Merge these accounts?">
        {chosen && (
          <>
            <p>
              {chosen.customerName} (<Balance amount={chosen.currentBalance} who="they" />) goes into {into.customerName} (
              <Balance amount={into.currentBalance} who="they" />
              ). Nothing is deleted: both ledgers keep their entries.
            </p>
            {merge.isError && (
              <p className="form-error" role="alert">
                {describeError(merge.error)}
              </p>
            )}
            <div className="dialog-actions">
              <button type="button" className="button secondary" onClick={() => (merge.reset(), setChosen(null))}>
                Go back
              </button>
              <button
                type="button"
                className="button primary"
                disabled={merge.isPending}
                onClick={() => merge.mutate({ path: { accountId: into.id }, body: { fromAccountId: chosen.id } })}
              >
                {merge.isPending ? 'Merging…' : 'Merge into one account'}
              </button>
            </div>
          </>
        )}
      </Dialog>
    </section>
  );
}
