import { createAccountMutation } from '@khata/client';
import { useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { formProblem } from '../../../shared/api/field-errors';
import { refreshMoneyQueries } from '../../../shared/api/query-client';
import { useAction } from '../../../shared/api/useIdempotentMutation';
import { readAmount } from '../../../shared/format/money';
import { Choice } from '../../../shared/ui/Choice';
import { Dialog } from '../../../shared/ui/Dialog';
import { FormDialogActions } from '../../../shared/ui/DialogActions';
import { Field } from '../../../shared/ui/Field';
import { formClass } from '../../../shared/ui/form';
import { FormError } from '../../../shared/ui/FormError';
import { SendingNote } from '../../../shared/ui/SendingNote';
import { CustomerAdded } from './CustomerAdded';

/** The opening balance is typed without a sign (keypads in decimal mode often have no minus): a choice says which way. */
type Direction = 'owes' | 'advance';
const EMPTY = { name: '', phone: '', openingBalance: '', direction: 'owes' as Direction };

/** The shop adds a customer (with what they owe today), then gets the invite code to share with them. */
export function AddCustomerDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const [form, setForm] = useState(EMPTY);
  const [invalid, setInvalid] = useState<string | null>(null);
  const queryClient = useQueryClient();
  const create = useAction({ ...createAccountMutation(), onSuccess: () => refreshMoneyQueries(queryClient) });
  const added = create.data;
  const problem = formProblem(create.error, ['name', 'phone', 'openingBalance']);

  function close() {
    setForm(EMPTY);
    setInvalid(null);
    create.reset();
    onClose();
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    let openingBalance: string | undefined;
    if (form.openingBalance.trim()) {
      const typed = readAmount(form.openingBalance);
      if (!typed.ok) return setInvalid(`Opening balance: ${typed.reason}`);
      openingBalance = form.direction === 'advance' ? `-${typed.amount}` : typed.amount;
    }
    setInvalid(null);
    create.mutate({ body: { name: form.name.trim(), phone: form.phone, ...(openingBalance ? { openingBalance } : {}) } });
  }

  return (
    <Dialog open={open} onClose={close} title={added ? 'Customer added' : 'Add a customer'}>
      {added ? (
        <CustomerAdded account={added} onDone={close} />
      ) : (
        <form className={formClass} onSubmit={submit}>
          <Field label="Name" id="add-name" error={problem.fields.name}>
            <input id="add-name" required value={form.name} onChange={(e) => setForm({ ...form, name: e.target.value })} />
          </Field>
          <Field label="Phone number" id="add-phone" error={problem.fields.phone}>
            <input
              id="add-phone"
              type="tel"
              inputMode="tel"
              required
              value={form.phone}
              onChange={(e) => setForm({ ...form, phone: e.target.value })}
            />
          </Field>
          <Field
            label="Opening balance (₹, optional)"
            id="add-opening"
            hint="Like 1,250 or 1,25,000.50; leave it empty if nothing is owed"
            error={invalid ?? problem.fields.openingBalance}
          >
            <input
              id="add-opening"
              inputMode="decimal"
              value={form.openingBalance}
              onChange={(e) => setForm({ ...form, openingBalance: e.target.value })}
              aria-describedby="add-opening-hint"
            />
          </Field>
          <Choice legend="This balance is" pills>
            <label>
              <input
                type="radio"
                name="add-direction"
                checked={form.direction === 'owes'}
                onChange={() => setForm({ ...form, direction: 'owes' })}
              />{' '}
              They owe me
            </label>
            <label>
              <input
                type="radio"
                name="add-direction"
                checked={form.direction === 'advance'}
                onChange={() => setForm({ ...form, direction: 'advance' })}
              />{' '}
              Paid in advance
            </label>
          </Choice>
          {problem.rest && <FormError>{problem.rest}</FormError>}
          <SendingNote waiting={create.waiting} />
          <FormDialogActions onCancel={close} pending={create.isPending} label="Add customer" pendingLabel="Adding…" />
        </form>
      )}
    </Dialog>
  );
}
