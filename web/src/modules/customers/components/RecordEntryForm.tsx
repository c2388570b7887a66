import { recordTransactionMutation } from '@khata/client';
import { useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { formProblem } from '../../../shared/api/field-errors';
import { refreshMoneyQueries } from '../../../shared/api/query-client';
import { useIdempotentMutation } from '../../../shared/api/useIdempotentMutation';
import { balanceInWords, formatRupees, readAmount } from '../../../shared/format/money';
import { Button } from '../../../shared/ui/Button';
import card from '../../../shared/ui/Card.module.css';
import { Choice } from '../../../shared/ui/Choice';
import { cx } from '../../../shared/ui/cx';
import { Field } from '../../../shared/ui/Field';
import { formClass } from '../../../shared/ui/form';
import { FormError } from '../../../shared/ui/FormError';
import { notify } from '../../../shared/ui/Notice';
import { SendingNote } from '../../../shared/ui/SendingNote';
import styles from './RecordEntryForm.module.css';

type EntryType = 'credit' | 'payment';

/** Record goods given on credit or cash received; a double tap or a retry records it once (Idempotency-Key). */
export function RecordEntryForm({ accountId, name }: { accountId: string; name: string }) {
  const [type, setType] = useState<EntryType>('credit');
  const [amount, setAmount] = useState('');
  const [notes, setNotes] = useState('');
  const [invalid, setInvalid] = useState<string | null>(null);
  const queryClient = useQueryClient();
  const record = useIdempotentMutation(recordTransactionMutation(), {
    onSuccess: async (data, variables) => {
      setAmount('');
      setNotes('');
      notify(
        `${variables.body.type === 'credit' ? 'Credit' : 'Payment'} of ${formatRupees(data.transaction.amount)} recorded. ${name}: ${balanceInWords(data.account.currentBalance, 'they')}.`,
      );
      await refreshMoneyQueries(queryClient);
    },
  });

  const problem = formProblem(record.error, ['amount', 'notes']);

  function submit(event: FormEvent) {
    event.preventDefault();
    const typed = readAmount(amount);
    if (!typed.ok) return setInvalid(typed.reason);
    setInvalid(null);
    record.mutate({ path: { accountId }, body: { type, amount: typed.amount, ...(notes.trim() ? { notes: notes.trim() } : {}) } });
  }

  return (
    <form className={cx(card.card, formClass, styles.entry)} onSubmit={submit} aria-labelledby="record-heading">
      <h2 id="record-heading">Record an entry</h2>
      <Choice legend="Kind">
        <label>
          <input type="radio" name="entry-type" checked={type === 'credit'} onChange={() => setType('credit')} /> Credit given (goods on
          khata)
        </label>
        <label>
          <input type="radio" name="entry-type" checked={type === 'payment'} onChange={() => setType('payment')} /> Cash payment received
        </label>
      </Choice>
      <Field label="Amount (₹)" id="entry-amount" error={invalid ?? problem.fields.amount}>
        <input id="entry-amount" inputMode="decimal" required value={amount} onChange={(e) => setAmount(e.target.value)} />
      </Field>
      <Field label="Notes (optional)" id="entry-notes" error={problem.fields.notes}>
        <input id="entry-notes" maxLength={500} value={notes} onChange={(e) => setNotes(e.target.value)} />
      </Field>
      {problem.rest && <FormError>{problem.rest}</FormError>}
      <SendingNote waiting={record.waiting} />
      <Button variant="primary" type="submit" disabled={record.isPending}>
        {record.isPending ? 'Saving…' : type === 'credit' ? 'Add credit' : 'Record payment'}
      </Button>
    </form>
  );
}
