import { correctTransactionMutation, type LedgerTransactionDto } from '@khata/client';
import { useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { describeError, problemCode } from '../../../shared/api/problems';
import { refreshMoneyQueries } from '../../../shared/api/query-client';
import { useIdempotentMutation } from '../../../shared/api/useIdempotentMutation';
import { balanceInWords, formatRupees } from '../../../shared/format/money';
import { Button } from '../../../shared/ui/Button';
import { Dialog } from '../../../shared/ui/Dialog';
import { DialogActions } from '../../../shared/ui/DialogActions';
import { Field } from '../../../shared/ui/Field';
import { formClass } from '../../../shared/ui/form';
import { FormError } from '../../../shared/ui/FormError';
import { notify } from '../../../shared/ui/Notice';
import text from '../../../shared/ui/text.module.css';
import { cleanCorrectAmount, correctionOf } from '../utils/entries';
import { entryTitle } from './LedgerEntry';

/** The API refused for good: the entry cannot be corrected (any more); only Close is left. */
const REFUSED = new Set(['ENTRY_ALREADY_CORRECTED', 'ENTRY_NOT_CORRECTABLE', 'ENTRY_NOT_FOUND', 'ACCOUNT_MERGED']);

/** Correcting an entry: nothing is edited, a new entry for the difference is added and linked to it. */
export function CorrectEntryDialog({
  accountId,
  entry,
  onClose,
}: {
  accountId: string;
  entry: LedgerTransactionDto | null;
  onClose: () => void;
}) {
  return (
    <Dialog open={entry !== null} onClose={onClose} title={entry ? `Correct entry #${entry.entryNo}` : 'Correct entry'}>
      {entry && <CorrectEntryForm key={entry.id} accountId={accountId} entry={entry} onClose={onClose} />}
    </Dialog>
  );
}

function CorrectEntryForm({ accountId, entry, onClose }: { accountId: string; entry: LedgerTransactionDto; onClose: () => void }) {
  const [amount, setAmount] = useState('');
  const [reason, setReason] = useState('');
  const [invalid, setInvalid] = useState<string | null>(null);
  const queryClient = useQueryClient();
  const correct = useIdempotentMutation(correctTransactionMutation(), {
    onSuccess: async (data) => {
      notify(`Entry #${data.transaction.entryNo} corrects #${entry.entryNo}. ${balanceInWords(data.account.currentBalance, 'they')}.`);
      onClose();
      await refreshMoneyQueries(queryClient);
    },
    // Refused for good: the ledger is read again, so the entry shows why (its correction, say).
    onError: (error) => {
      if (REFUSED.has(problemCode(error) ?? '')) void refreshMoneyQueries(queryClient);
    },
  });
  const refused = correct.isError && REFUSED.has(problemCode(correct.error) ?? '');
  const clean = cleanCorrectAmount(amount);
  const change = clean === null ? null : correctionOf(entry, clean);

  function submit(event: FormEvent) {
    event.preventDefault();
    if (clean === null) return setInvalid('Enter what the entry should have said, like 50 or 50.25 (0 if it should not be there).');
    if (!change) return setInvalid(`The entry already says ${formatRupees(entry.amount)}. Enter the amount it should have said.`);
    setInvalid(null);
    correct.mutate({
      path: { accountId, entryId: entry.id },
      body: { correctAmount: clean, ...(reason.trim() ? { notes: reason.trim() } : {}) },
    });
  }

  return (
    <form className={formClass} onSubmit={submit} noValidate>
      <p>
        #{entry.entryNo} {entryTitle(entry, 'business')}
        {entry.notes ? ` (${entry.notes})` : ''} says <strong>{formatRupees(entry.amount)}</strong>. Nothing is edited: a new entry for the
        difference is added and linked to #{entry.entryNo}; the customer sees both.
      </p>
      <Field label="What it should have said (₹)" id="correct-amount" hint="0 if it should not have been recorded at all">
        <input
          id="correct-amount"
          inputMode="decimal"
          autoComplete="off"
          required
          value={amount}
          onChange={(e) => setAmount(e.target.value)}
          aria-describedby="correct-amount-hint"
          aria-invalid={invalid !== null && !change ? true : undefined}
          disabled={refused}
        />
      </Field>
      <Field label="Reason (the customer reads it)" id="correct-reason">
        <input
          id="correct-reason"
          maxLength={500}
          placeholder="Rice was 5 kg, not 50"
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          disabled={refused}
        />
      </Field>
      {change && !refused && (
        <p className={text.muted} aria-live="polite">
          Adds {change.type === 'credit' ? 'a credit' : 'a payment'} of {formatRupees(change.amount)}: the balance goes{' '}
          {change.type === 'credit' ? 'up' : 'down'} by {formatRupees(change.amount)}.
        </p>
      )}
      {(invalid || correct.isError) && <FormError>{invalid ?? describeError(correct.error)}</FormError>}
      <DialogActions>
        <Button variant="secondary" onClick={onClose}>
          {refused ? 'Close' : 'Cancel'}
        </Button>
        {!refused && (
          <Button variant="primary" type="submit" disabled={correct.isPending}>
            {correct.isPending ? 'Saving…' : 'Add correction'}
          </Button>
        )}
      </DialogActions>
    </form>
  );
}
