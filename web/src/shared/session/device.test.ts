import { describe, expect, it } from 'vitest';
import { afterLogin, describeFailedAttempts, deviceToken, dismissLoginAlert, loginAlert } from './device';

function memoryStorage(): Storage {
  const items = new Map<string, string>();
  return {
    get length() {
      return items.size;
    },
    clear: () => items.clear(),
    getItem: (key) => items.get(key) ?? null,
    key: (i) => [...items.keys()][i] ?? null,
    removeItem: (key) => void items.delete(key),
    setItem: (key, value) => void items.set(key, value),
  };
}

const auth = {
  accessToken: 'a',
  accessTokenExpiresIn: 900,
  refreshToken: 'r',
  user: { id: 'u', role: 'customer' as const, name: 'Asha', phone: '+919876500002' },
  deviceToken: 'q8Vn3kXbW1eZr0tYhA5uLm2sJ7cD9fG4iO6pQ1wE3xR',
};

describe('what the device keeps across logins', () => {
  it('keeps the device token, and the failed attempts until dismissed', () => {
    const storage = memoryStorage();
    expect(deviceToken(storage)).toBeUndefined();
    const failed = { count: 3, since: '2026-11-27T10:12:00Z', lastAt: '2026-11-27T10:20:00Z' };
    afterLogin({ ...auth, failedLoginAttempts: failed }, storage);
    expect(deviceToken(storage)).toBe(auth.deviceToken);
    expect(loginAlert(storage)).toEqual(failed);
    dismissLoginAlert(storage);
    expect(loginAlert(storage)).toBeNull();
    expect(deviceToken(storage)).toBe(auth.deviceToken);
  });

  it('tells the owner about failed attempts in plain words (IST)', () => {
    const now = new Date('2026-11-27T12:00:00Z');
    expect(describeFailedAttempts({ count: 3, since: '2026-11-27T10:12:00Z', lastAt: '2026-11-27T11:00:00Z' }, now)).toBe(
      '3 failed attempts to log in to your account since today, 3:42 pm',
    );
    expect(describeFailedAttempts({ count: 1, since: '2026-11-12T13:00:00Z', lastAt: '2026-11-12T13:00:00Z' }, now)).toBe(
      '1 failed attempt to log in to your account since 12 Nov, 6:30 pm',
    );
  });
});
