import { submitPaymentMutation, type PaymentDto } from '@khata/client';
import { useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { formProblem } from '../../../shared/api/field-errors';
import { refreshMoneyQueries } from '../../../shared/api/query-client';
import { useIdempotentMutation } from '../../../shared/api/useIdempotentMutation';
import { formatRupees, readAmount } from '../../../shared/format/money';
import { Button } from '../../../shared/ui/Button';
import { Field } from '../../../shared/ui/Field';
import { formClass } from '../../../shared/ui/form';
import { FormError } from '../../../shared/ui/FormError';
import { notify } from '../../../shared/ui/Notice';
import { SendingNote } from '../../../shared/ui/SendingNote';

const UTR_PATTERN = /^\d{12}$/;
/** PhonePe's own transaction id ("T2411271234567890123456"), often copied instead of the UTR. */
const PHONEPE_TRANSACTION_ID = /^T\d{6,}$/i;

/**
 * "I have paid": the claim the shop will check. The amount follows the one above it until the customer changes
 * it here. Pressing twice, or again after a network error, sends one claim (one Idempotency-Key for the claim).
 */
export function ClaimForm({
  businessId,
  businessName,
  amountToPay,
  again,
  onSent,
}: {
  businessId: string;
  businessName: string;
  amountToPay: string;
  /** A rejected claim sent again: its note is filled in; its UTR is not (the customer checks it in PhonePe). */
  again?: PaymentDto;
  onSent: () => void;
}) {
  const [claimAmount, setClaimAmount] = useState<string | null>(null); // null: follows the amount to pay
  const [notes, setNotes] = useState(again?.notes ?? '');
  const [utr, setUtr] = useState('');
  const [invalid, setInvalid] = useState<{ field: 'amount' | 'utr'; message: string } | null>(null);
  const queryClient = useQueryClient();
  const submitClaim = useIdempotentMutation(submitPaymentMutation(), {
    onSuccess: async (claim) => {
      notify(`Claim of ${formatRupees(claim.amount)} sent to ${businessName}. It shows as pending until they confirm.`);
      await refreshMoneyQueries(queryClient);
      onSent();
    },
  });
  const paid = claimAmount ?? amountToPay;
  const problem = formProblem(submitClaim.error, ['amount', 'utr', 'notes']);
  const errorOf = (field: 'amount' | 'utr' | 'notes') =>
    invalid?.field === field ? invalid.message : invalid ? null : problem.fields[field];

  function submit(event: FormEvent) {
    event.preventDefault();
    const cleanUtr = utr.replace(/\s/g, '');
    const amount = readAmount(paid);
    if (!amount.ok) return setInvalid({ field: 'amount', message: `Amount paid: ${amount.reason}` });
    if (PHONEPE_TRANSACTION_ID.test(cleanUtr))
      return setInvalid({
        field: 'utr',
        message: 'That is PhonePe’s transaction ID (it starts with T). The UTR is the 12-digit number in the same payment’s details.',
      });
    if (cleanUtr && !UTR_PATTERN.test(cleanUtr))
      return setInvalid({ field: 'utr', message: 'The UTR is the 12-digit number PhonePe shows after paying.' });
    setInvalid(null);
    submitClaim.mutate({
      body: {
        businessId,
        amount: amount.amount,
        ...(notes.trim() ? { notes: notes.trim() } : {}),
        ...(cleanUtr ? { utr: cleanUtr } : {}),
      },
    });
  }

  return (
    <form className={formClass} onSubmit={submit} noValidate>
      <Field label="Amount paid (₹)" id="claim-amount" error={errorOf('amount')}>
        <input
          id="claim-amount"
          inputMode="decimal"
          autoComplete="off"
          required
          value={paid}
          onChange={(e) => setClaimAmount(e.target.value)}
        />
      </Field>
      <Field
        label="UTR (optional)"
        id="claim-utr"
        hint={
          again?.utr
            ? `The rejected claim said ${again.utr}: check the 12-digit UTR in PhonePe’s payment details and type it again`
            : 'The 12-digit UTR in PhonePe’s payment details, like 412345678901; not the transaction ID that starts with T'
        }
        error={errorOf('utr')}
      >
        <input
          id="claim-utr"
          inputMode="numeric"
          autoComplete="off"
          maxLength={40}
          value={utr}
          onChange={(e) => setUtr(e.target.value)}
          aria-describedby="claim-utr-hint"
        />
      </Field>
      <Field label="Notes (optional)" id="claim-notes" error={errorOf('notes')}>
        <textarea id="claim-notes" rows={2} maxLength={500} value={notes} onChange={(e) => setNotes(e.target.value)} />
      </Field>
      {!invalid && problem.rest && <FormError>{problem.rest}</FormError>}
      <SendingNote waiting={submitClaim.waiting} />
      <Button variant="primary" type="submit" disabled={submitClaim.isPending}>
        {submitClaim.isPending ? 'Sending…' : 'I have paid: send claim'}
      </Button>
    </form>
  );
}
