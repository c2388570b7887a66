import { changePasswordMutation } from '@khata/client';
import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { describeError } from '../../../shared/api/problems';
import { session } from '../../../shared/session/session';
import { Button } from '../../../shared/ui/Button';
import card from '../../../shared/ui/Card.module.css';
import { cx } from '../../../shared/ui/cx';
import { Field } from '../../../shared/ui/Field';
import { formClass } from '../../../shared/ui/form';
import { FormError } from '../../../shared/ui/FormError';
import { notify } from '../../../shared/ui/Notice';
import { fieldError, onlyFieldErrors } from '../utils/field-errors';
import { FieldMessage } from './FieldMessage';
import styles from './Settings.module.css';

const WORDS = { newPassword: 'Use at least 8 characters (at most 128).' };

/** A new password: every other session ends; this one carries on with the tokens the answer brings. */
export function PasswordSettings() {
  const [form, setForm] = useState({ currentPassword: '', newPassword: '' });
  const change = useMutation({
    ...changePasswordMutation(),
    onSuccess: (auth) => {
      session.set(auth);
      setForm({ currentPassword: '', newPassword: '' });
      notify('Password changed. You were logged out on every other phone and computer.');
    },
  });
  const currentError = fieldError(change.error, 'currentPassword');
  const newError = fieldError(change.error, 'newPassword', WORDS);

  function submit(event: FormEvent) {
    event.preventDefault();
    change.mutate({ body: form });
  }

  return (
    <section className={cx(card.card, styles.section)} aria-labelledby="password-heading">
      <h2 id="password-heading">Password</h2>
      <form onSubmit={submit} className={formClass}>
        <Field label="Current password" id="current-password">
          <input
            id="current-password"
            type="password"
            autoComplete="current-password"
            required
            maxLength={128}
            value={form.currentPassword}
            onChange={(e) => setForm({ ...form, currentPassword: e.target.value })}
            aria-invalid={!!currentError || undefined}
            aria-describedby={currentError ? 'current-password-error' : undefined}
          />
          <FieldMessage id="current-password-error" message={currentError} />
        </Field>
        <Field label="New password" id="new-password" hint="At least 8 characters. Other phones and computers are logged out.">
          <input
            id="new-password"
            type="password"
            autoComplete="new-password"
            required
            minLength={8}
            maxLength={128}
            value={form.newPassword}
            onChange={(e) => setForm({ ...form, newPassword: e.target.value })}
            aria-invalid={!!newError || undefined}
            aria-describedby={newError ? 'new-password-error new-password-hint' : 'new-password-hint'}
          />
          <FieldMessage id="new-password-error" message={newError} />
        </Field>
        {change.isError && !onlyFieldErrors(change.error, ['currentPassword', 'newPassword']) && (
          <FormError>{describeError(change.error)}</FormError>
        )}
        <Button variant="primary" type="submit" disabled={change.isPending}>
          {change.isPending ? 'Changing…' : 'Change password'}
        </Button>
      </form>
    </section>
  );
}
