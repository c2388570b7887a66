import { login, register, type LoginResponseDto, type RegisterDto } from '@khata/client';
import { useState, type FormEvent } from 'react';
import { queryClient, session } from './api';
import { afterLogin, deviceToken } from './device';
import { pendingJoinCode } from './join-code';
import { describeError } from './problems';
import { Link, navigate } from './router';
import { Field } from './ui';

function startSession(auth: LoginResponseDto) {
  queryClient.clear();
  afterLogin(auth);
  session.set(auth);
  const code = pendingJoinCode();
  navigate(auth.user.role === 'customer' && code ? `/join?code=${encodeURIComponent(code)}` : '/', { replace: true });
}

const END_REASONS = {
  'logged-out': null,
  expired: 'Your session has ended. Please log in again.',
  revoked: 'For your safety you were logged out everywhere. Please log in again.',
} as const;

function JoinBanner() {
  const code = pendingJoinCode();
  if (!code) return null;
  return (
    <p className="banner">
      Log in or create an account to join the shop with code <strong>{code}</strong>.
    </p>
  );
}

export function LoginPage() {
  const [phone, setPhone] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const ended = session.endReason();

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const { data, error } = await login({ body: { phone, password, deviceToken: deviceToken() } });
      if (data) startSession(data);
      else setError(error);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  return (
    <main className="auth-page" id="main">
      <h1>Log in to Khata Pay</h1>
      <JoinBanner />
      {ended && END_REASONS[ended] && !error && <p className="banner">{END_REASONS[ended]}</p>}
      <form onSubmit={submit} className="card form">
        <Field label="Phone number" id="login-phone">
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
        <Field label="Password" id="login-password">
          <input
            id="login-password"
            type="password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
        </Field>
        {error != null && (
          <p className="form-error" role="alert">
            {describeError(error)}
          </p>
        )}
        <button className="button primary" type="submit" disabled={busy}>
          {busy ? 'Logging in…' : 'Log in'}
        </button>
      </form>
      <p className="center">
        New here? <Link to="/register">Create an account</Link>
      </p>
    </main>
  );
}

export function RegisterPage() {
  const [role, setRole] = useState<'customer' | 'business'>('customer');
  const [form, setForm] = useState({ name: '', phone: '', password: '', businessName: '', upiId: '' });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const update = (key: keyof typeof form) => (e: { target: { value: string } }) => setForm({ ...form, [key]: e.target.value });

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    const body: RegisterDto = { role, name: form.name.trim(), phone: form.phone, password: form.password, deviceToken: deviceToken() };
    if (role === 'business') Object.assign(body, { businessName: form.businessName.trim(), upiId: form.upiId.trim() });
    try {
      const { data, error } = await register({ body });
      if (data) startSession(data);
      else setError(error);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  return (
    <main className="auth-page" id="main">
      <h1>Create your Khata Pay account</h1>
      <JoinBanner />
      <form onSubmit={submit} className="card form">
        <fieldset className="choice">
          <legend>I am</legend>
          <label>
            <input type="radio" name="role" value="customer" checked={role === 'customer'} onChange={() => setRole('customer')} /> A
            customer
          </label>
          <label>
            <input type="radio" name="role" value="business" checked={role === 'business'} onChange={() => setRole('business')} /> A shop
            owner
          </label>
        </fieldset>
        <Field label="Your name" id="reg-name">
          <input id="reg-name" autoComplete="name" required value={form.name} onChange={update('name')} />
        </Field>
        <Field label="Phone number" id="reg-phone" hint="10-digit mobile number">
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
        <Field label="Password" id="reg-password" hint="At least 8 characters">
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
          <>
            <Field label="Shop name" id="reg-business">
              <input id="reg-business" required value={form.businessName} onChange={update('businessName')} />
            </Field>
            <Field label="UPI ID" id="reg-upi" hint="Where customers pay you, like sharmakirana@ybl">
              <input
                id="reg-upi"
                required
                autoCapitalize="none"
                spellCheck={false}
                value={form.upiId}
                onChange={update('upiId')}
                aria-describedby="reg-upi-hint"
              />
            </Field>
          </>
        )}
        {error != null && (
          <p className="form-error" role="alert">
            {describeError(error)}
          </p>
        )}
        <button className="button primary" type="submit" disabled={busy}>
          {busy ? 'Creating…' : 'Create account'}
        </button>
      </form>
      <p className="center">
        Already registered? <Link to="/login">Log in</Link>
      </p>
    </main>
  );
}
