import { registerMutation, type RegisterData, type RegisterResponseDto } from '@khata/client';
import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useLocation } from '../../../app/router';
import { formProblem } from '../../../shared/api/field-errors';
import { deviceToken } from '../../../shared/session/device';
import { Button } from '../../../shared/ui/Button';
import card from '../../../shared/ui/Card.module.css';
import { Choice } from '../../../shared/ui/Choice';
import { cx } from '../../../shared/ui/cx';
import { Field } from '../../../shared/ui/Field';
import { TapLink } from '../../../shared/ui/TapLink';
import { formClass } from '../../../shared/ui/form';
import { FormError } from '../../../shared/ui/FormError';
import { startSession } from '../utils/start-session';
import { AuthPage } from './AuthPage';
import { RecoveryCodesPanel } from './RecoveryCodesPanel';
import { ShopFields } from './ShopFields';

/** The body is one of two shapes, keyed by `role` (the document's `oneOf`). */
type Role = RegisterData['body']['role'];

export function RegisterPage() {
  const [role, setRole] = useState<Role>('customer');
  const [form, setForm] = useState({ name: '', phone: '', password: '', businessName: '', upiId: '' });
  const next = useLocation().query.get('next');
  const keepNext = next ? `?next=${encodeURIComponent(next)}` : '';
  // The account exists once this is set; the recovery codes are shown (this once) before the app opens.
  const [created, setCreated] = useState<RegisterResponseDto | null>(null);
  const register = useMutation({ ...registerMutation(), onSuccess: setCreated });
  const problem = formProblem(register.error, ['name', 'phone', 'password', 'businessName', 'upiId']);
  const update = (key: keyof typeof form) => (e: { target: { value: string } }) => setForm({ ...form, [key]: e.target.value });

  function submit(event: FormEvent) {
    event.preventDefault();
    const person = { name: form.name.trim(), phone: form.phone, password: form.password, deviceToken: deviceToken() };
    const body: RegisterData['body'] =
      role === 'business' ? { ...person, role, businessName: form.businessName.trim(), upiId: form.upiId.trim() } : { ...person, role };
    register.mutate({ body });
  }

  if (created) {
    return (
      <AuthPage title="Save your recovery codes" other={null}>
        <div className={card.card}>
          <RecoveryCodesPanel codes={created.recoveryCodes} doneLabel="Continue" onDone={() => startSession(created)} />
        </div>
      </AuthPage>
    );
  }

  return (
    <AuthPage
      title="Create your Khata Pay account"
      mode="register"
      other={
        <>
          Already registered? <TapLink to={`/login${keepNext}`}>Log in</TapLink>
        </>
      }
    >
      <form onSubmit={submit} className={cx(card.card, formClass)}>
        <Choice legend="I am">
          <label>
            <input type="radio" name="role" value="customer" checked={role === 'customer'} onChange={() => setRole('customer')} /> A
            customer
          </label>
          <label>
            <input type="radio" name="role" value="business" checked={role === 'business'} onChange={() => setRole('business')} /> A shop
            owner
          </label>
        </Choice>
        <Field label="Your name" id="reg-name" error={problem.fields.name}>
          <input id="reg-name" autoComplete="name" required value={form.name} onChange={update('name')} />
        </Field>
        <Field label="Phone number" id="reg-phone" hint="10-digit mobile number" error={problem.fields.phone}>
          <input
            id="reg-phone"
            type="tel"
            inputMode="tel"
            autoComplete="tel"
            required
            value={form.phone}
            onChange={update('phone')}
            aria-describedby="reg-phone-hint"
          />
        </Field>
        <Field label="Password" id="reg-password" hint="At least 8 characters" error={problem.fields.password}>
          <input
            id="reg-password"
            type="password"
            autoComplete="new-password"
            required
            minLength={8}
            maxLength={128}
            value={form.password}
            onChange={update('password')}
            aria-describedby="reg-password-hint"
          />
        </Field>
        {role === 'business' && (
          <ShopFields businessName={form.businessName} upiId={form.upiId} onChange={update} errors={problem.fields} />
        )}
        {problem.rest && <FormError>{problem.rest}</FormError>}
        <Button variant="primary" type="submit" disabled={register.isPending}>
          {register.isPending ? 'Creating…' : 'Create account'}
        </Button>
      </form>
    </AuthPage>
  );
}
