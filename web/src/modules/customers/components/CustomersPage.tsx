import { createAccountMutation, listAccountsOptions, type AccountDto } from '@khata/client';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState, type FormEvent } from 'react';
import { refreshMoneyQueries } from '../shared/lists';
import { describeError } from '../shared/problems';
import { Link } from '../shared/router';
import { Balance, Dialog, Empty, ErrorNote, Field, Loading, Phone } from '../shared/ui';
import { InviteCode } from './InviteCode';

function useDebounced<T>(value: T, ms: number): T {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return debounced;
}

const OPENING = /^-?\d{1,8}(\.\d{1,2})?$/;

function AddCustomerDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const [form, setForm] = useState({ name: '', phone: '', openingBalance: '' });
  const [invalid, setInvalid] = useState<string | null>(null);
  const queryClient = useQueryClient();
  const create = useMutation({ ...createAccountMutation(), onSuccess: () => refreshMoneyQueries(queryClient) });
  const added: AccountDto | undefined = create.data;

  function close() {
    setForm({ name: '', phone: '', openingBalance: '' });
    setInvalid(null);
    create.reset();
    onClose();
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    const opening = form.openingBalance.trim();
    if (opening && !OPENING.test(opening))
      return setInvalid('Opening balance: an amount like 1250 or 1250.50; negative (like -200) for an advance.');
    setInvalid(null);
    create.mutate({ body: { name: form.name.trim(), phone: form.phone, ...(opening ? { openingBalance: opening } : {}) } });
  }

  return (
    <Dialog open={open} onClose={close} title={added ? 'Customer added' : 'Add a customer'}>
      {added ? (
        <>
          <p>
            {added.customerName} is on your list with <Balance amount={added.currentBalance} who="they" />.
          </p>
          {added.inviteCode && <InviteCode code={added.inviteCode} name={added.customerName} />}
          <div className="dialog-actions">
            <button type="button" className="button primary" onClick={close}>
              Done
            </button>
          </div>
        </>
      ) : (
        <form className="form" onSubmit={submit}>
          <Field label="Name" id="add-name">
            <input id="add-name" required value={form.name} onChange={(e) => setForm({ ...form, name: e.target.value })} />
          </Field>
          <Field label="Phone number" id="add-phone">
            <input
              id="add-phone"
              type="tel"
              inputMode="tel"
              required
              value={form.phone}
              onChange={(e) => setForm({ ...form, phone: e.target.value })}
            />
          </Field>
          <Field label="Opening balance (₹, optional)" id="add-opening" hint="What they owe today; negative for an advance">
            <input
              id="add-opening"
              inputMode="decimal"
              value={form.openingBalance}
              onChange={(e) => setForm({ ...form, openingBalance: e.target.value })}
              aria-describedby="add-opening-hint"
            />
          </Field>
          {(invalid || create.isError) && (
            <p className="form-error" role="alert">
              {invalid ?? describeError(create.error)}
            </p>
          )}
          <div className="dialog-actions">
            <button type="button" className="button secondary" onClick={close}>
              Cancel
            </button>
            <button type="submit" className="button primary" disabled={create.isPending}>
              {create.isPending ? 'Adding…' : 'Add customer'}
            </button>
          </div>
        </form>
      )}
    </Dialog>
  );
}

export function CustomersPage() {
  const [search, setSearch] = useState('');
  const q = useDebounced(search.trim(), 300);
  const accounts = useQuery(listAccountsOptions({ query: { limit: 100, ...(q ? { q } : {}) } }));
  const [adding, setAdding] = useState(false);
  return (
    <>
      <div className="row">
        <h1>Customers</h1>
        <button type="button" className="button primary" onClick={() => setAdding(true)}>
          Add customer
        </button>
      </div>
      <div className="field search">
        <label htmlFor="customer-search">Search by name or phone</label>
        <input id="customer-search" type="search" value={search} onChange={(e) => setSearch(e.target.value)} />
      </div>
      {accounts.isPending ? (
        <Loading />
      ) : accounts.isError ? (
        <ErrorNote error={accounts.error} onRetry={() => void accounts.refetch()} />
      ) : accounts.data.items.length === 0 ? (
        <Empty>{q ? `No customer matches “${q}”.` : 'No customers yet. Add one, or share your join code.'}</Empty>
      ) : (
        <ul className="cards">
          {accounts.data.items.map((account) => (
            <li key={account.id}>
              <Link to={`/customers/${account.id}`} className="card account-card">
                <span>
                  <span className="title">{account.customerName}</span>
                  <span className="muted small block">
                    <Phone number={account.customerPhone} />
                    {!account.claimed && ' · not joined yet'}
                  </span>
                </span>
                <Balance amount={account.currentBalance} who="they" />
              </Link>
            </li>
          ))}
        </ul>
      )}
      <AddCustomerDialog open={adding} onClose={() => setAdding(false)} />
    </>
  );
}
