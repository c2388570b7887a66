/**
 * A join code from a QR or share link (/join?code=K7M3Q9TX) must survive logging in or registering first.
 * sessionStorage: it belongs to this tab's errand, not to the device.
 */
const KEY = 'khata-pay.join-code';

export function normaliseJoinCode(code: string): string {
  return code.toUpperCase().replace(/[^A-Z0-9]/g, '');
}

export function rememberJoinCode(code: string) {
  sessionStorage.setItem(KEY, normaliseJoinCode(code));
}

export function pendingJoinCode(): string | null {
  return sessionStorage.getItem(KEY);
}

export function forgetJoinCode() {
  sessionStorage.removeItem(KEY);
}
