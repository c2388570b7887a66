import { newRecoveryCodesMutation } from '@khata/client';
import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { describeError } from '../../../shared/api/problems';
import { Button } from '../../../shared/ui/Button';
import card from '../../../shared/ui/Card.module.css';
import { cx } from '../../../shared/ui/cx';
import { Field } from '../../../shared/ui/Field';
import { formClass } from '../../../shared/ui/form';
import { FormError } from '../../../shared/ui/FormError';
import { RecoveryCodesPanel } from '../../auth/components/RecoveryCodesPanel';
import { fieldError, onlyFieldErrors } from '../utils/field-errors';
import { FieldMessage } from './FieldMessage';
import styles from './Settings.module.css';

/** New recovery codes (the password first); the old ones stop working, the new ones are shown once. */
export function RecoveryCodesSettings() {
  const [password, setPassword] = useState('');
  const make = useMutation({ ...newRecoveryCodesMutation(), onSuccess: () => setPassword('') });
  const passwordError = fieldError(make.error, 'password');

  function submit(event: FormEvent) {
    event.preventDefault();
    make.mutate({ body: { password } });
  }

  return (
    <section className={cx(card.card, styles.section)} aria-labelledby="codes-heading">
      <h2 id="codes-heading">Recovery codes</h2>
      {make.data ? (
        <RecoveryCodesPanel codes={make.data.recoveryCodes} doneLabel="Done" onDone={() => make.reset()} />
      ) : (
        <form onSubmit={submit} className={formClass}>
          <p>
            If you forget your password, one recovery code and your phone number let you set a new one (&ldquo;Forgot password?&rdquo; on
            the login page). Lost them, or used most? Make new ones: the old codes stop working.
          </p>
          <Field label="Your password" id="codes-password">
            <input
              id="codes-password"
              type="password"
              autoComplete="current-password"
              required
              maxLength={128}
              value={password}
              onChange={(e) => setPassword(e.target.value)}
              aria-invalid={!!passwordError || undefined}
              aria-describedby={passwordError ? 'codes-password-error' : undefined}
            />
            <FieldMessage id="codes-password-error" message={passwordError} />
          </Field>
          {make.isError && !onlyFieldErrors(make.error, ['password']) && <FormError>{describeError(make.error)}</FormError>}
          <Button variant="secondary" type="submit" disabled={make.isPending}>
            {make.isPending ? 'Making…' : 'Make new recovery codes'}
          </Button>
        </form>
      )}
    </section>
  );
}
