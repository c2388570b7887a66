import { getAccountOptions, recordTransaction } from '@khata/client';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useRef, useState, type FormEvent } from 'react';
import { Ledger } from '../shared/Ledger';
import { createIdempotency, refreshMoneyQueries } from '../shared/lists';
import { balanceInWords, formatRupees, isValidAmount } from '../shared/money';
import { describeError } from '../shared/problems';
import { Link } from '../shared/router';
import { Balance, ErrorNote, Field, Loading, notify, Phone } from '../shared/ui';
import { InviteCode } from './InviteCode';
import { MergeAccounts } from './MergeAccounts';

/** Record goods given on credit or cash received; a double tap or a retry records it once (Idempotency-Key). */
function RecordEntry({ accountId, name }: { accountId: string; name: string }) {
  const [type, setType] = useState<'credit' | 'payment'>('credit');
  const [amount, setAmount] = useState('');
  const [notes, setNotes] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [invalid, setInvalid] = useState<string | null>(null);
  const idempotency = useRef(createIdempotency()).current;
  const queryClient = useQueryClient();

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (busy) return;
    if (!isValidAmount(amount)) return setInvalid('Enter an amount like 250 or 250.50.');
    setInvalid(null);
    setError(null);
    const body = { type, amount: amount.trim(), ...(notes.trim() ? { notes: notes.trim() } : {}) };
    setBusy(true);
    try {
      const { data, error } = await recordTransaction({
        path: { accountId },
        body,
        headers: { 'Idempotency-Key': idempotency.keyFor(body) },
      });
      if (data) {
        idempotency.done();
        setAmount('');
        setNotes('');
        notify(
          `${type === 'credit' ? 'Credit' : 'Payment'} of ${formatRupees(data.transaction.amount)} recorded. ${name}: ${balanceInWords(data.account.currentBalance, 'they')}.`,
        );
        await refreshMoneyQueries(queryClient);
      } else setError(error);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="card form" onSubmit={submit} aria-labelledby="record-heading">
      <h2 id="record-heading">Record an entry</h2>
      <fieldset className="choice inline">
        <legend>Kind</legend>
        <label>
          <input type="radio" name="entry-type" checked={type === 'credit'} onChange={() => setType('credit')} /> Credit given (goods on
          khata)
        </label>
        <label>
          <input type="radio" name="entry-type" checked={type === 'payment'} onChange={() => setType('payment')} /> Cash payment received
        </label>
      </fieldset>
      <Field label="Amount (₹)" id="entry-amount">
        <input id="entry-amount" inputMode="decimal" required value={amount} onChange={(e) => setAmount(e.target.value)} />
      </Field>
      <Field label="Notes (optional)" id="entry-notes">
        <input id="entry-notes" maxLength={500} value={notes} onChange={(e) => setNotes(e.target.value)} />
      </Field>
      {(invalid || error != null) && (
        <p className="form-error" role="alert">
          {invalid ?? describeError(error)}
        </p>
      )}
      <button type="submit" className="button primary" disabled={busy}>
        {busy ? 'Saving…' : type === 'credit' ? 'Add credit' : 'Record payment'}
      </button>
    </form>
  );
}

export function CustomerPage({ accountId }: { accountId: string }) {
  const account = useQuery(getAccountOptions({ path: { accountId } }));
  if (account.isPending) return <Loading />;
  if (account.isError) return <ErrorNote error={account.error} onRetry={() => void account.refetch()} />;
  const a = account.data;
  return (
    <>
      <p>
        <Link to="/customers">← Customers</Link>
      </p>
      <h1>{a.customerName}</h1>
      <p className="muted">
        <Phone number={a.customerPhone} />
      </p>
      {a.mergedInto && (
        <p className="callout" role="note">
          This account was merged into another one; its history stays here.{' '}
          <Link to={`/customers/${a.mergedInto}`}>Open the account in use</Link>
        </p>
      )}
      <section className="card hero" aria-label="Balance">
        <p className="hero-amount">
          <Balance amount={a.currentBalance} who="they" />
        </p>
        {!a.claimed && a.inviteCode && <InviteCode code={a.inviteCode} name={a.customerName} />}
      </section>
      {!a.mergedInto && <MergeAccounts into={a} />}
      <div className="two-columns">
        {!a.mergedInto && <RecordEntry accountId={accountId} name={a.customerName} />}
        <section aria-labelledby="ledger-heading">
          <h2 id="ledger-heading">Ledger</h2>
          <Ledger accountId={accountId} viewer="business" />
        </section>
      </div>
    </>
  );
}
