import type { FailedLoginAttemptsDto, LoginResponseDto } from '@khata/client';
import { formatWhen } from '../format/time';

/**
 * What this browser keeps across logins (unlike the session, it outlives logout):
 * - the device token the API hands out at login and registration. Sent with every later login, it tells the API
 *   that this device logged in to the account before, so strangers guessing the password on another device cannot
 *   lock the owner out here;
 * - failed attempts to log in that the API reported at the last login, until the user has seen and dismissed them.
 */
const DEVICE_KEY = 'khata-pay.device';
const ALERT_KEY = 'khata-pay.login-alert';

export function deviceToken(storage: Storage = window.localStorage): string | undefined {
  return storage.getItem(DEVICE_KEY) ?? undefined;
}

/** After a login or registration: keep the device token, and any failed attempts to show. */
export function afterLogin(auth: LoginResponseDto, storage: Storage = window.localStorage): void {
  storage.setItem(DEVICE_KEY, auth.deviceToken);
  if (auth.failedLoginAttempts) storage.setItem(ALERT_KEY, JSON.stringify(auth.failedLoginAttempts));
  else storage.removeItem(ALERT_KEY);
}

export function loginAlert(storage: Storage = window.localStorage): FailedLoginAttemptsDto | null {
  try {
    const raw = storage.getItem(ALERT_KEY);
    return raw ? (JSON.parse(raw) as FailedLoginAttemptsDto) : null;
  } catch {
    return null;
  }
}

export function dismissLoginAlert(storage: Storage = window.localStorage): void {
  storage.removeItem(ALERT_KEY);
}

/** "3 failed attempts to log in to your account since Today, 3:42 pm" (times in IST). */
export function describeFailedAttempts(alert: FailedLoginAttemptsDto, now: Date = new Date()): string {
  const attempts = alert.count === 1 ? '1 failed attempt' : `${alert.count} failed attempts`;
  const since = formatWhen(alert.since, now).replace(/^(Today|Yesterday)/, (day) => day.toLowerCase());
  return `${attempts} to log in to your account since ${since}`;
}
