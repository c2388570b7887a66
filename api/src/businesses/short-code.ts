import { randomInt } from 'node:crypto';

/** No 0/O, 1/I/L: easy to read aloud and type from a shop's counter card. */
export const CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';

/** A random code of `length` characters from the unambiguous alphabet (31^8 ≈ 8.5e11 for a join code). */
export function newShortCode(length: number): string {
  let code = '';
  for (let i = 0; i < length; i++) code += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
  return code;
}

/** The longest code as a person may type it, spaces and dashes included. */
export const TYPED_CODE_MAX_LENGTH = 32;

/** What a person typed ("abcd-2345 ", "ABCD 2345") -> "ABCD2345"; anything longer is left as it is (and refused). */
export function normalizeCode(value: unknown): unknown {
  return typeof value === 'string' && value.length <= TYPED_CODE_MAX_LENGTH ? value.replace(/[\s-]/g, '').toUpperCase() : value;
}
