import { AccountDtoSchema, BusinessDtoSchema } from '@khata/client';

/**
 * Join codes: a business's join code (8 characters) or the invite code of an account a business made (10), of the
 * alphabet without look-alikes. The grammar is the contract's: the `pattern` of `BusinessDto.joinCode` and of
 * `AccountDto.inviteCode` in openapi.json, exported by the generated client's schemas.
 */
export const JOIN_CODE_PATTERN = new RegExp(BusinessDtoSchema.properties.joinCode.pattern);
export const INVITE_CODE_PATTERN = new RegExp(AccountDtoSchema.properties.inviteCode.pattern);

/** How many characters a pattern like `^[2-9A-HJKMNP-Z]{8}$` takes (read from the contract, never written here). */
export function codeLength(pattern: RegExp): number | null {
  const counted = /\{(\d+)\}\$?$/.exec(pattern.source);
  return counted ? Number(counted[1]) : null;
}

/** The hint under the code box, with the lengths the contract gives (8 for a shop's code, 10 for an invite). */
export function joinCodeHint(): string {
  const shop = codeLength(JOIN_CODE_PATTERN);
  const invite = codeLength(INVITE_CODE_PATTERN);
  return `A shop's code has ${shop ?? 'a few'} letters and digits; the code a shop made for your account has ${invite ?? 'a few more'}.`;
}

/** As typed, scanned or pasted ("k7m3-q9tx ") to the code itself ("K7M3Q9TX"): spaces and dashes go, as the API does. */
export function normaliseJoinCode(code: string): string {
  return code.toUpperCase().replace(/[\s-]/g, '');
}

/** Whether the code as typed is a whole code (then the app asks whose it is). */
export function isCompleteJoinCode(code: string): boolean {
  const normalised = normaliseJoinCode(code);
  return JOIN_CODE_PATTERN.test(normalised) || INVITE_CODE_PATTERN.test(normalised);
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
