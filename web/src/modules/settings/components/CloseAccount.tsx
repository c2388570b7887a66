import { closeAccountMutation } from '@khata/client';
import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { describeError } from '../../../shared/api/problems';
import { Button } from '../../../shared/ui/Button';
import card from '../../../shared/ui/Card.module.css';
import { cx } from '../../../shared/ui/cx';
import { Dialog } from '../../../shared/ui/Dialog';
import { DialogActions } from '../../../shared/ui/DialogActions';
import { Field } from '../../../shared/ui/Field';
import { formClass } from '../../../shared/ui/form';
import { FormError } from '../../../shared/ui/FormError';
import { endSession } from '../../auth/utils/log-out';
import { fieldError, onlyFieldErrors } from '../utils/field-errors';
import { FieldMessage } from './FieldMessage';
import styles from './Settings.module.css';

/** Closing the account, confirmed with the password: the login goes, the books stay under a pseudonym. */
export function CloseAccount({ isShop }: { isShop: boolean }) {
  const [open, setOpen] = useState(false);
  const [password, setPassword] = useState('');
  const close = useMutation({ ...closeAccountMutation(), onSuccess: () => endSession('closed') });
  const passwordError = fieldError(close.error, 'password');
  const dismiss = () => {
    setOpen(false);
    setPassword('');
    close.reset();
  };

  function submit(event: FormEvent) {
    event.preventDefault();
    close.mutate({ body: { password } });
  }

  return (
    <section className={cx(card.card, styles.section, styles.danger)} aria-labelledby="close-heading">
      <h2 id="close-heading">Close your account</h2>
      <p>
        {isShop
          ? 'Your login goes and your shop closes: customers can still read their ledgers with you, but nobody can join or pay through Khata Pay. You can close only when every customer is settled (nobody owes or is owed) and no payment waits for a decision.'
          : 'Your login goes. The shops keep their ledger entries and payments (they are their books), but your name and phone there are replaced by “Closed account” and a short code.'}{' '}
        Download your data first if you want a copy. This cannot be undone.
      </p>
      <Button variant="dangerOutline" onClick={() => setOpen(true)}>
        Close my account…
      </Button>
      <Dialog open={open} onClose={dismiss} title="Close your account?">
        <form onSubmit={submit} className={formClass}>
          <p>Type your password to confirm. You will be logged out everywhere and cannot log in again with this account.</p>
          <Field label="Your password" id="close-password">
            <input
              id="close-password"
              type="password"
              autoComplete="current-password"
              required
              maxLength={128}
              value={password}
              onChange={(e) => setPassword(e.target.value)}
              aria-invalid={!!passwordError || undefined}
              aria-describedby={passwordError ? 'close-password-error' : undefined}
            />
            <FieldMessage id="close-password-error" message={passwordError} />
          </Field>
          {close.isError && !onlyFieldErrors(close.error, ['password']) && <FormError>{describeError(close.error)}</FormError>}
          <DialogActions>
            <Button variant="ghost" onClick={dismiss}>
              Keep my account
            </Button>
            <Button variant="danger" type="submit" disabled={close.isPending || password === ''}>
              {close.isPending ? 'Closing…' : 'Close account'}
            </Button>
          </DialogActions>
        </form>
      </Dialog>
    </section>
  );
}
