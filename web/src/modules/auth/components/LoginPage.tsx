import { loginMutation } from '@khata/client';
import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useLocation } from '../../../app/router';
import { formProblem } from '../../../shared/api/field-errors';
import { deviceToken } from '../../../shared/session/device';
import { session } from '../../../shared/session/session';
import { Banner } from '../../../shared/ui/Banner';
import { Button } from '../../../shared/ui/Button';
import card from '../../../shared/ui/Card.module.css';
import { cx } from '../../../shared/ui/cx';
import { Field } from '../../../shared/ui/Field';
import { TapLink } from '../../../shared/ui/TapLink';
import { formClass } from '../../../shared/ui/form';
import { FormError } from '../../../shared/ui/FormError';
import { startSession } from '../utils/start-session';
import { AuthPage } from './AuthPage';
import styles from './AuthPage.module.css';

const END_REASONS = {
  'logged-out': null,
  expired: 'Your session has ended. Please log in again.',
  revoked: 'For your safety you were logged out everywhere. Please log in again.',
  everywhere: 'You logged out everywhere. Other phones stop within 15 minutes, when their short-lived access runs out.',
  closed: 'Your account is closed. Its login is gone; the shops keep their books without your name or phone.',
} as const;

export function LoginPage() {
  const [phone, setPhone] = useState('');
  const [password, setPassword] = useState('');
  const next = useLocation().query.get('next');
  const keepNext = next ? `?next=${encodeURIComponent(next)}` : '';
  const login = useMutation({ ...loginMutation(), onSuccess: startSession });
  const ended = session.endReason();
  const problem = formProblem(login.error, ['phone', 'password']);

  function submit(event: FormEvent) {
    event.preventDefault();
    login.mutate({ body: { phone, password, deviceToken: deviceToken() } });
  }

  return (
    <AuthPage
      title="Log in to Khata Pay"
      banner={ended && END_REASONS[ended] && !login.error && <Banner>{END_REASONS[ended]}</Banner>}
      other={
        <>
          New here? <TapLink to={`/register${keepNext}`}>Create an account</TapLink>
        </>
      }
    >
      <form onSubmit={submit} className={cx(card.card, formClass)}>
        <Field label="Phone number" id="login-phone" error={problem.fields.phone}>
          <input
            id="login-phone"
            type="tel"
            inputMode="tel"
            autoComplete="tel"
            required
            value={phone}
            onChange={(e) => setPhone(e.target.value)}
            placeholder="98765 43210"
          />
        </Field>
        <Field label="Password" id="login-password" error={problem.fields.password}>
          <input
            id="login-password"
            type="password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
        </Field>
        {problem.rest && <FormError>{problem.rest}</FormError>}
        <Button variant="primary" type="submit" disabled={login.isPending}>
          {login.isPending ? 'Logging in…' : 'Log in'}
        </Button>
        <TapLink to="/recover" className={styles.forgot}>
          Forgot password?
        </TapLink>
      </form>
    </AuthPage>
  );
}
