import { listAccountsOptions, type AccountDto } from '@khata/client';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Balance } from '../../../shared/ui/Balance';
import { Button } from '../../../shared/ui/Button';
import card from '../../../shared/ui/Card.module.css';
import { Field } from '../../../shared/ui/Field';
import { Phone } from '../../../shared/ui/Phone';
import text from '../../../shared/ui/text.module.css';
import styles from './MergeAccounts.module.css';
import { MergeDialog } from './MergeDialog';

/**
 * One person, two accounts (added by the shop, and joined with the join code; or added twice): find the other one
 * and merge it into this one. Its balance moves here by a pair of ledger entries; it stays, closed, with its history.
 */
export function MergeAccounts({ into }: { into: AccountDto }) {
  const [open, setOpen] = useState(false);
  const [q, setQ] = useState(into.customerPhone.slice(-10));
  const [chosen, setChosen] = useState<AccountDto | null>(null);
  const candidates = useQuery({ ...listAccountsOptions({ query: { q, limit: 10 } }), enabled: open && q.trim().length > 0 });
  const others = (candidates.data?.items ?? []).filter((a) => a.id !== into.id);

  if (!open) {
    return (
      <Button variant="secondary" onClick={() => setOpen(true)}>
        Merge another account into this one…
      </Button>
    );
  }
  return (
    <section className={card.card} aria-labelledby="merge-heading">
      <h2 id="merge-heading">Merge another account into {into.customerName}</h2>
      <p className={text.muted}>
        For one person with two accounts here. The other account’s balance moves here; it is closed and keeps its history.
      </p>
      <Field label="Find the other account (name or phone)" id="merge-search">
        <input id="merge-search" value={q} onChange={(e) => setQ(e.target.value)} />
      </Field>
      {candidates.isSuccess && others.length === 0 && <p className={text.muted}>No other account matches.</p>}
      <ul className={styles.candidates}>
        {others.map((other) => (
          <li key={other.id}>
            <span>
              <strong>{other.customerName}</strong>{' '}
              <span className={text.muted}>
                <Phone number={other.customerPhone} /> · <Balance amount={other.currentBalance} who="they" />
              </span>
            </span>
            <Button variant="secondary" onClick={() => setChosen(other)}>
              Merge {other.customerName} here
            </Button>
          </li>
        ))}
      </ul>
      <Button variant="secondary" onClick={() => setOpen(false)}>
        Cancel
      </Button>
      <MergeDialog
        from={chosen}
        into={into}
        onClose={() => setChosen(null)}
        onMerged={() => {
          setChosen(null);
          setOpen(false);
        }}
      />
    </section>
  );
}
