import { loginMutation, recoverMutation } from '@khata/client';
import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link } from '../../../app/router';
import { describeError, isProblem } from '../../../shared/api/problems';
import { deviceToken } from '../../../shared/session/device';
import { Button } from '../../../shared/ui/Button';
import card from '../../../shared/ui/Card.module.css';
import { cx } from '../../../shared/ui/cx';
import { Field } from '../../../shared/ui/Field';
import { formClass } from '../../../shared/ui/form';
import { FormError } from '../../../shared/ui/FormError';
import { notify } from '../../../shared/ui/Notice';
import { startSession } from '../utils/start-session';
import { AuthPage } from './AuthPage';

/**
 * Forgot the password: the phone, one recovery code (from registration or settings) and a new password. Every
 * session ends; this device then logs in with the new password.
 */
export function RecoverPage() {
  const [form, setForm] = useState({ phone: '', recoveryCode: '', newPassword: '' });
  const login = useMutation({ ...loginMutation(), onSuccess: startSession });
  const recover = useMutation({
    ...recoverMutation(),
    onSuccess: ({ recoveryCodesLeft }) => {
      notify(
        `Password changed; you were logged out everywhere else. ${recoveryCodesLeft} recovery code${recoveryCodesLeft === 1 ? '' : 's'} left` +
          (recoveryCodesLeft <= 3 ? ': make new ones in Settings.' : '.'),
      );
      login.mutate({ body: { phone: form.phone, password: form.newPassword, deviceToken: deviceToken() } });
    },
  });
  const update = (key: keyof typeof form) => (e: { target: { value: string } }) => setForm({ ...form, [key]: e.target.value });
  const wrongCode = isProblem(recover.error) && recover.error.code === 'RECOVERY_CODE_INVALID';

  function submit(event: FormEvent) {
    event.preventDefault();
    recover.mutate({ body: form });
  }

  return (
    <AuthPage
      title="Get back in with a recovery code"
      other={
        <>
          Remembered it? <Link to="/login">Log in</Link>
        </>
      }
    >
      <form onSubmit={submit} className={cx(card.card, formClass)}>
        <p>
          Use one of the recovery codes you saved when you created your account (or made in Settings). Each code works once. No code? Ask
          the shop (or, for a shop, our support) to help; we cannot send you a text message.
        </p>
        <Field label="Phone number" id="recover-phone">
          <input id="recover-phone" type="tel" inputMode="tel" autoComplete="tel" required value={form.phone} onChange={update('phone')} />
        </Field>
        <Field label="Recovery code" id="recover-code" hint="Like 7F3A-K2QM-9XHD; capitals and dashes do not matter">
          <input
            id="recover-code"
            autoComplete="one-time-code"
            autoCapitalize="characters"
            spellCheck={false}
            required
            maxLength={32}
            value={form.recoveryCode}
            onChange={update('recoveryCode')}
            aria-invalid={wrongCode || undefined}
            aria-describedby="recover-code-hint"
          />
        </Field>
        <Field label="New password" id="recover-password" hint="At least 8 characters">
          <input
            id="recover-password"
            type="password"
            autoComplete="new-password"
            required
            minLength={8}
            maxLength={128}
            value={form.newPassword}
            onChange={update('newPassword')}
            aria-describedby="recover-password-hint"
          />
        </Field>
        {recover.isError && <FormError>{describeError(recover.error)}</FormError>}
        {login.isError && <FormError>{describeError(login.error)}</FormError>}
        <Button variant="primary" type="submit" disabled={recover.isPending || login.isPending}>
          {recover.isPending || login.isPending ? 'Setting it…' : 'Set new password'}
        </Button>
      </form>
    </AuthPage>
  );
}
