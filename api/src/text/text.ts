import { applyDecorators } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ValidateBy, ValidationOptions } from 'class-validator';

/**
 * Characters as PostgreSQL counts them for `varchar(n)` and JSON Schema for `maxLength`: Unicode code points.
 * JavaScript's `length` counts UTF-16 units (an emoji is two) and validator.js's `isLength` skips variation
 * selectors altogether, so a bound checked with either lets through text that its column refuses (a 500).
 */
export function characterCount(text: string): number {
  let count = 0;
  for (const _ of text) count++;
  return count;
}

/** PostgreSQL's text types cannot hold U+0000: such a value is refused by the database, not stored. */
const NUL = '\u0000';

export function isText(value: unknown, min: number, max: number): value is string {
  if (typeof value !== 'string' || value.includes(NUL)) return false;
  const count = characterCount(value);
  return count >= min && count <= max;
}

/**
 * A string of `min` to `max` characters that PostgreSQL can store; the bound is documented in the OpenAPI
 * document too (`minLength`/`maxLength`). Use the column's length (or less) as `max` for text that is stored.
 */
export function IsText(bounds: { min?: number; max: number }, options?: ValidationOptions): PropertyDecorator {
  const min = bounds.min ?? 0;
  const range = min > 0 ? `${min} to ${bounds.max} characters` : `at most ${bounds.max} characters`;
  return applyDecorators(
    ApiProperty({ minLength: min > 0 ? min : undefined, maxLength: bounds.max }),
    ValidateBy(
      {
        name: 'isText',
        constraints: [min, bounds.max],
        validator: {
          validate: (value: unknown) => isText(value, min, bounds.max),
          defaultMessage: (args) =>
            typeof args?.value === 'string' && args.value.includes(NUL)
              ? `${args.property} must not contain the NUL character (U+0000)`
              : `${args?.property} must be text of ${range}`,
        },
      },
      options,
    ),
  );
}

/** Leading and trailing white space is not part of what a person meant (a name, a note, a reason). */
export const Trimmed = (): PropertyDecorator => Transform(({ value }) => (typeof value === 'string' ? value.trim() : value));
