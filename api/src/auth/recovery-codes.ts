import { createHash, randomBytes } from 'node:crypto';

/** Crockford's base32: no I, L, O or U, so a code read aloud or copied by hand survives. */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const GROUP = `[${'0-9A-HJKMNP-TV-Z'}]{4}`;

/** How many codes a user gets at once (each works once). */
export const RECOVERY_CODE_COUNT = 8;
/** How the API writes a code: 12 characters (60 random bits) in three groups, e.g. `7F3A-K2QM-9XHD`. */
export const RECOVERY_CODE_PATTERN = `^${GROUP}-${GROUP}-${GROUP}$`;

/** Fresh codes: 12 of the 32 characters each (a byte's low 5 bits are uniform over 32). */
export function newRecoveryCodes(count = RECOVERY_CODE_COUNT): string[] {
  return Array.from({ length: count }, () => {
    const chars = [...randomBytes(12)].map((byte) => ALPHABET[byte & 31]).join('');
    return `${chars.slice(0, 4)}-${chars.slice(4, 8)}-${chars.slice(8)}`;
  });
}

/**
 * A code as a person may type it (lower case, spaces or dashes anywhere, O for 0, I or L for 1) in the one form
 * that is hashed; null when it cannot be a code.
 */
export function normalizeRecoveryCode(typed: string): string | null {
  const code = typed.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  return code.length === 12 && [...code].every((c) => ALPHABET.includes(c)) ? code : null;
}

/** What is stored: the SHA-256 of the user's id and the normalised code (60 random bits need no slow hash; the id salts it). */
export function recoveryCodeHash(userId: string, code: string): string {
  return createHash('sha256')
    .update(`${userId}:${normalizeRecoveryCode(code) ?? code}`)
    .digest('hex');
}
