import { JoinDtoSchema } from '@khata/client';

/**
 * Join codes: a business's join code (8 characters) or the invite code of an account a business made (10), of the
 * alphabet without look-alikes. The grammar is the contract's: the `pattern` of `JoinDto.joinCode`
 * in openapi.json, exported by the generated client's schemas. Until the contract states one, the SPA's own stands
 * in (a unit test holds it to the same codes).
 */
const CONTRACT_PATTERN: string | undefined = (JoinDtoSchema.properties.joinCode as { pattern?: string }).pattern;
const STAND_IN_PATTERN = '^[2-9A-HJ-NP-Z]{8}$|^[2-9A-HJ-NP-Z]{10}$';

export const JOIN_CODE_PATTERN = new RegExp(CONTRACT_PATTERN ?? STAND_IN_PATTERN);

/** As typed, scanned or pasted ("k7m3-q9tx ") to the code itself ("K7M3Q9TX"): the API does the same. */
export function normaliseJoinCode(code: string): string {
  return code.toUpperCase().replace(/[^A-Z0-9]/g, '');
}

/** Whether the code as typed is a whole code (then the app asks whose it is). */
export function isCompleteJoinCode(code: string): boolean {
  return JOIN_CODE_PATTERN.test(normaliseJoinCode(code));
}

/**
 * A join code from a QR or share link (/join?code=K7M3Q9TX) must survive logging in or registering first.
 * sessionStorage: it belongs to this tab's errand, not to the device.
 */
const KEY = 'khata-pay.join-code';

export function rememberJoinCode(code: string) {
  sessionStorage.setItem(KEY, normaliseJoinCode(code));
}

export function pendingJoinCode(): string | null {
  return sessionStorage.getItem(KEY);
}

export function forgetJoinCode() {
  sessionStorage.removeItem(KEY);
}
