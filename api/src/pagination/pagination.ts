import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { DomainError } from '../problems/domain-error';
import { ProblemCode } from '../problems/problem-code';

/** base64url of the JSON `[timestamp, id]` (see encodeCursor). */
const CURSOR = /^[A-Za-z0-9_-]+$/;

/** The `nextCursor` of every page: `cursor` takes it back. */
export const NEXT_CURSOR = {
  type: String,
  nullable: true,
  maxLength: 200,
  pattern: CURSOR.source,
  example: 'WyIyMDI2LTExLTMwIDEwOjE1OjAwKzAwIiwiM2YwYzZhNTIiXQ',
  description: 'Pass it as `cursor` for the next page; null on the last page',
} as const;

/** `?limit=&cursor=` of every list. */
export class PageQuery {
  @ApiPropertyOptional({ type: 'integer', format: 'int32', minimum: 1, maximum: 100, default: 20, description: 'Items per page' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit?: number;

  @ApiPropertyOptional({ description: 'The `nextCursor` of the previous page', maxLength: 200, pattern: CURSOR.source })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  @Matches(CURSOR, { message: 'cursor must be a nextCursor returned by this list' })
  cursor?: string;
}

/** Keyset position: the sort key of the last row of a page (as PostgreSQL printed it) and its id. */
export interface KeysetPosition {
  at: string;
  id: string;
}

/**
 * What a list sorts by, so a cursor's key is checked as that before it reaches SQL: a timestamp (a moment that
 * exists; `infinity` where nulls sort last), a decimal amount, or a whole number (a ledger entry's number).
 */
export type SortKey = 'timestamp' | 'timestamp-or-infinity' | 'amount' | 'count';

const AMOUNT_KEY = /^-?\d{1,14}\.\d{2}$/;
const COUNT_KEY = /^\d{1,9}$/;

function isSortKey(kind: SortKey, at: string): boolean {
  switch (kind) {
    case 'timestamp':
      return isPossibleTimestamp(at);
    case 'timestamp-or-infinity':
      return at === 'infinity' || isPossibleTimestamp(at);
    case 'amount':
      return AMOUNT_KEY.test(at);
    case 'count':
      return COUNT_KEY.test(at);
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const PG_TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})(\.\d{1,6})?(?:([+-])(\d{2})(?::?(\d{2}))?|Z)$/;

/**
 * A timestamp as PostgreSQL prints a `timestamptz` (years 1-9999), and only a moment that exists: the grammar alone
 * lets through 30 February, year 0, 25:00 or a UTC offset of 16 hours, which PostgreSQL refuses with an error.
 */
export function isPossibleTimestamp(text: string): boolean {
  const match = PG_TIMESTAMP.exec(text);
  if (!match) return false;
  const [year, month, day, hour, minute, second] = match.slice(1, 7).map(Number);
  const [offsetHours, offsetMinutes] = [Number(match[9] ?? 0), Number(match[10] ?? 0)];
  if (year < 1 || month < 1 || month > 12) return false;
  const daysInMonth = month === 2 && isLeapYear(year) ? 29 : DAYS_IN_MONTH[month - 1];
  return day >= 1 && day <= daysInMonth && hour <= 23 && minute <= 59 && second <= 59 && offsetHours <= 15 && offsetMinutes <= 59;
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function encodeCursor(position: KeysetPosition): string {
  return Buffer.from(JSON.stringify([position.at, position.id])).toString('base64url');
}

export function decodeCursor(cursor: string | undefined, sortKey: SortKey = 'timestamp'): KeysetPosition | null {
  if (cursor === undefined) return null;
  try {
    const [at, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown[];
    if (typeof at === 'string' && typeof id === 'string' && isSortKey(sortKey, at) && UUID.test(id)) return { at, id };
  } catch {
    // fall through to the 400 below
  }
  throw new DomainError(ProblemCode.ValidationFailed, 'cursor must be a nextCursor returned by this list', {
    errors: [{ field: 'cursor', message: 'cursor must be a nextCursor returned by this list' }],
  });
}

/**
 * Rows were fetched with `limit + 1`; the extra one only tells that a next page exists.
 * Each row carries `cursor_at` (its sort key as text) and `id`.
 */
export function toPage<Row extends { cursor_at: string; id: string }, Item>(
  rows: Row[],
  limit: number,
  map: (row: Row) => Item,
): { items: Item[]; nextCursor: string | null } {
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return {
    items: page.map(map),
    nextCursor: rows.length > limit && last ? encodeCursor({ at: last.cursor_at, id: last.id }) : null,
  };
}
