import { createAccountMutation, CreateAccountDtoSchema } from '@khata/client';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { formProblem } from '../../../shared/api/field-errors';
import { refreshMoneyQueries } from '../../../shared/api/query-client';
import { Button } from '../../../shared/ui/Button';
import { Dialog } from '../../../shared/ui/Dialog';
import { DialogActions } from '../../../shared/ui/DialogActions';
import { Field } from '../../../shared/ui/Field';
import { formClass } from '../../../shared/ui/form';
import { FormError } from '../../../shared/ui/FormError';
import { CustomerAdded } from './CustomerAdded';

/** An opening balance as the contract takes it: what they owe, negative for an advance. */
const OPENING_BALANCE = new RegExp(CreateAccountDtoSchema.properties.openingBalance.pattern);
const EMPTY = { name: '', phone: '', openingBalance: '' };

/** The shop adds a customer (with what they owe today), then gets the invite code to share with them. */
export function AddCustomerDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const [form, setForm] = useState(EMPTY);
  const [invalid, setInvalid] = useState<string | null>(null);
  const queryClient = useQueryClient();
  const create = useMutation({ ...createAccountMutation(), onSuccess: () => refreshMoneyQueries(queryClient) });
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
    const opening = form.openingBalance.trim();
    if (opening && !OPENING_BALANCE.test(opening))
      return setInvalid('Opening balance: an amount like 1250 or 1250.50; negative (like -200) for an advance.');
    setInvalid(null);
    create.mutate({ body: { name: form.name.trim(), phone: form.phone, ...(opening ? { openingBalance: opening } : {}) } });
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
            hint="What they owe today; negative for an advance"
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
          {problem.rest && <FormError>{problem.rest}</FormError>}
          <DialogActions>
            <Button variant="secondary" onClick={close}>
              Cancel
            </Button>
            <Button variant="primary" type="submit" disabled={create.isPending}>
              {create.isPending ? 'Adding…' : 'Add customer'}
            </Button>
          </DialogActions>
        </form>
      )}
    </Dialog>
  );
}
