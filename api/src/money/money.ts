import { applyDecorators } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { registerDecorator, ValidationOptions } from 'class-validator';

/**
 * Money travels as a decimal string ("250", "250.5", "250.50") and is computed by PostgreSQL's NUMERIC;
 * it never becomes a JavaScript number. Up to 8 integer digits: 99999999.99 is the largest amount.
 */
const AMOUNT = /^\d{1,8}(\.\d{1,2})?$/;
const SIGNED_AMOUNT = /^-?\d{1,8}(\.\d{1,2})?$/;

/** How responses write money, always with two decimals (`"250.00"`); the OpenAPI document says so. */
export const AMOUNT_PATTERN = '^[0-9]+\\.[0-9]{2}$';
/** The same for a balance, which is negative for an advance (`"-300.00"`). */
export const BALANCE_PATTERN = '^-?[0-9]+\\.[0-9]{2}$';

export function isPositiveAmount(value: unknown): value is string {
  return typeof value === 'string' && AMOUNT.test(value) && /[1-9]/.test(value);
}

export function isAmountOrZero(value: unknown): value is string {
  return typeof value === 'string' && AMOUNT.test(value);
}

export function isSignedAmount(value: unknown): value is string {
  return typeof value === 'string' && SIGNED_AMOUNT.test(value);
}

/** Integer paise of a validated amount string, for the few places that compare or add in TypeScript. */
export function toPaise(amount: string): bigint {
  const negative = amount.startsWith('-');
  const [whole, fraction = ''] = amount.replace('-', '').split('.');
  const paise = BigInt(whole) * 100n + BigInt((fraction + '00').slice(0, 2));
  return negative ? -paise : paise;
}

/** Paise as the decimal string PostgreSQL takes ("1250.50", "-3.00"): for the few amounts computed in TypeScript. */
export function formatPaise(paise: bigint): string {
  const negative = paise < 0n;
  const abs = negative ? -paise : paise;
  const text = `${abs / 100n}.${(abs % 100n).toString().padStart(2, '0')}`;
  return negative ? `-${text}` : text;
}

export function IsAmount(options?: ValidationOptions): PropertyDecorator {
  return applyDecorators(
    ApiProperty({ type: String, pattern: AMOUNT.source, maxLength: 11 }),
    (target: object, propertyName: string | symbol) =>
      registerDecorator({
        name: 'isAmount',
        target: target.constructor,
        propertyName: propertyName as string,
        options: {
          message: `$property must be a positive amount as a string with at most two decimals, e.g. "250.50" (at most "99999999.99")`,
          ...options,
        },
        validator: { validate: isPositiveAmount },
      }),
  );
}

export function IsSignedAmount(options?: ValidationOptions): PropertyDecorator {
  return applyDecorators(
    ApiProperty({ type: String, pattern: SIGNED_AMOUNT.source, maxLength: 12 }),
    (target: object, propertyName: string | symbol) =>
      registerDecorator({
        name: 'isSignedAmount',
        target: target.constructor,
        propertyName: propertyName as string,
        options: {
          message: `$property must be an amount as a string with at most two decimals, optionally negative for an advance, e.g. "1250", "-200.50"`,
          ...options,
        },
        validator: { validate: isSignedAmount },
      }),
  );
}

/** An amount that may be zero (what an entry should have said, when it should not have been recorded at all). */
export function IsAmountOrZero(options?: ValidationOptions): PropertyDecorator {
  return applyDecorators(
    ApiProperty({ type: String, pattern: AMOUNT.source, maxLength: 11 }),
    (target: object, propertyName: string | symbol) =>
      registerDecorator({
        name: 'isAmountOrZero',
        target: target.constructor,
        propertyName: propertyName as string,
        options: {
          message: `$property must be an amount as a string with at most two decimals, e.g. "250.50" or "0" (at most "99999999.99")`,
          ...options,
        },
        validator: { validate: isAmountOrZero },
      }),
  );
}
