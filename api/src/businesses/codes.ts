import { applyDecorators } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsString, Matches } from 'class-validator';
import { randomInt } from 'node:crypto';

/**
 * The codes a customer types to connect: a business's join code (8 characters: a new account) and an account's
 * invite code (10: the account the business made for them). One alphabet without 0/O, 1/I/L, easy to read aloud
 * and type from a shop's counter card; 31^8 ≈ 8.5e11 join codes, guessing rate-limited.
 */
export const CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
const LETTER = '[2-9A-HJKMNP-Z]';
export const JOIN_CODE_LENGTH = 8;
export const INVITE_CODE_LENGTH = 10;
export const JOIN_CODE_PATTERN = `^${LETTER}{${JOIN_CODE_LENGTH}}$`;
export const INVITE_CODE_PATTERN = `^${LETTER}{${INVITE_CODE_LENGTH}}$`;
/** Either code, as the API compares it (after `normalizeCode`). */
const EITHER_CODE = new RegExp(`^(?:${LETTER}{${JOIN_CODE_LENGTH}}|${LETTER}{${INVITE_CODE_LENGTH}})$`);

function newCode(length: number): string {
  let code = '';
  for (let i = 0; i < length; i++) code += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
  return code;
}

export const newJoinCode = () => newCode(JOIN_CODE_LENGTH);
export const newInviteCode = () => newCode(INVITE_CODE_LENGTH);

/** The longest code as a person may type it, spaces and dashes included. */
export const TYPED_CODE_MAX_LENGTH = 32;

/** A typed code in the document: 8 or 10 letters of the alphabet, either case, spaces and dashes anywhere. */
const TYPED_LETTER = `${LETTER.slice(0, -1)}a-hjkmnp-z][\\s-]*`;
export const TYPED_CODE_PATTERN = `^[\\s-]*(?:${TYPED_LETTER}){${JOIN_CODE_LENGTH}}(?:(?:${TYPED_LETTER}){${INVITE_CODE_LENGTH - JOIN_CODE_LENGTH}})?$`;

/** What a person typed ("abcd-2345 ", "ABCD 2345") -> "ABCD2345"; anything longer is left as it is (and refused). */
export function normalizeCode(value: unknown): unknown {
  return typeof value === 'string' && value.length <= TYPED_CODE_MAX_LENGTH ? value.replace(/[\s-]/g, '').toUpperCase() : value;
}

/** A join or invite code as a customer types it: case, spaces and dashes do not matter. */
export function IsTypedCode(description: string): PropertyDecorator {
  return applyDecorators(
    ApiProperty({ example: 'K7M3Q9TX', maxLength: TYPED_CODE_MAX_LENGTH, pattern: TYPED_CODE_PATTERN, description }),
    Transform(({ value }) => normalizeCode(value)),
    IsString(),
    Matches(EITHER_CODE, {
      message: `joinCode must be the ${JOIN_CODE_LENGTH}- or ${INVITE_CODE_LENGTH}-character code the business gave you`,
    }),
  );
}
