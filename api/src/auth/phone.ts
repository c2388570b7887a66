import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { registerDecorator, ValidationOptions } from 'class-validator';

const INDIAN_MOBILE = /^(?:\+91|0)?([6-9]\d{9})$/;
/** The longest phone number as a person may type it, spaces and dashes included. */
const TYPED_PHONE_MAX_LENGTH = 32;

/**
 * A phone number as typed, in the document: what `normalizePhone` accepts (spaces and dashes anywhere, an optional
 * `+91` or `0`), so a generated client refuses what the API would.
 */
export const TYPED_PHONE_PATTERN = '^[\\s-]*(?:\\+[\\s-]*9[\\s-]*1[\\s-]*|0[\\s-]*)?[6-9](?:[\\s-]*[0-9]){9}[\\s-]*$';

/** How responses write a phone number: `+91` and the 10 digits. */
export const PHONE_PATTERN = '^\\+91[6-9][0-9]{9}$';

/**
 * A customer's phone on an account or claim: a mobile number as above, `+910000000000`, the number of a shop's
 * Test Customer (development endpoints only), or `+911000000000`, what a closed account's phone became; no real
 * customer can have either.
 */
export const CUSTOMER_PHONE_PATTERN = '^\\+91(?:[6-9][0-9]{9}|0000000000|1000000000)$';

/** The phone of a customer who closed their account (pseudonymised): no mobile number, so no one can be reached or matched by it. */
export const CLOSED_ACCOUNT_PHONE = '+911000000000';

/** "98765 43210", "+91 98765 43210", "098765 43210" -> "+919876543210"; anything else -> null. */
export function normalizePhone(value: unknown): string | null {
  if (typeof value !== 'string' || value.length > TYPED_PHONE_MAX_LENGTH) return null;
  const match = INDIAN_MOBILE.exec(value.replace(/[\s-]/g, ''));
  return match ? `+91${match[1]}` : null;
}

/** Accepts an Indian mobile number in the usual spellings and hands the service the `+91XXXXXXXXXX` form. */
export function IsIndianPhone(options?: ValidationOptions): PropertyDecorator {
  const transform = Transform(({ value }) => normalizePhone(value) ?? value);
  const documented = ApiProperty({ maxLength: TYPED_PHONE_MAX_LENGTH, pattern: TYPED_PHONE_PATTERN });
  return (target, propertyName) => {
    transform(target, propertyName);
    documented(target, propertyName);
    registerDecorator({
      name: 'isIndianPhone',
      target: target.constructor,
      propertyName: propertyName as string,
      options: { message: '$property must be a 10-digit Indian mobile number, optionally with +91 or 0', ...options },
      validator: { validate: (value: unknown) => typeof value === 'string' && /^\+91[6-9]\d{9}$/.test(value) },
    });
  };
}
