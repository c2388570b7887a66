/**
 * Boundary values derived from the contract and the schema, never picked by hand: every string at its documented
 * and its column's length and one past, in characters that JavaScript, validators and PostgreSQL count differently;
 * every number at its precision and range limits; ids and cursors that parse but name nothing that exists.
 *
 * Sources: the committed OpenAPI document (type, format, enum, minLength, maxLength, pattern, minimum, maximum,
 * example) and the database (`information_schema.columns`: character_maximum_length, numeric precision and scale).
 * A field maps to the columns of its name in snake_case (`upiId` -> `upi_id`) and to the few listed in
 * COLUMN_ALIASES; the tightest column wins. A DTO that forgets a bound its column has is then sent a value one
 * character past the column, and the 500 that follows is the finding.
 */
import { randomUUID } from 'node:crypto';
import type { Pool } from 'pg';

export interface Column {
  table: string;
  column: string;
  dataType: string;
  /** varchar(n): n characters. */
  maxChars: number | null;
  /** numeric(p, s), or the bits of an integer type. */
  precision: number | null;
  scale: number | null;
}

/** One value to send, with what it is (the label names the bound it sits on, so a finding explains itself). */
export interface Boundary {
  label: string;
  value: unknown;
  /** One of the values the field documents as valid (an enumeration's own value). */
  valid?: boolean;
}

type Schema = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** Fields stored under another name than their own. */
export const COLUMN_ALIASES: Record<string, string[]> = {
  businessName: ['businesses.name'],
  openingBalance: ['transactions.amount', 'customer_credits.current_balance'],
  reason: ['pending_payments.rejection_reason', 'payment_events.reason'],
  type: ['transactions.transaction_type'],
  'Idempotency-Key': ['idempotency_keys.key'],
  'Last-Event-ID': ['payment_events.id'],
};

export async function loadColumns(db: Pool): Promise<Column[]> {
  const { rows } = await db.query(
    `SELECT table_name, column_name, data_type, character_maximum_length, numeric_precision, numeric_scale
       FROM information_schema.columns WHERE table_schema = 'public'`,
  );
  return rows.map((r) => ({
    table: r.table_name,
    column: r.column_name,
    dataType: r.data_type,
    maxChars: r.character_maximum_length,
    precision: r.numeric_precision,
    scale: r.numeric_scale,
  }));
}

const snakeCase = (name: string) => name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/** The columns a request field ends up in (or is compared with). */
export function columnsOf(field: string, columns: Column[]): Column[] {
  const named = COLUMN_ALIASES[field] ?? [];
  return columns.filter((c) => c.column === snakeCase(field) || named.includes(`${c.table}.${c.column}`));
}

function tightestLength(columns: Column[]): Column | undefined {
  return columns.filter((c) => c.maxChars !== null).sort((a, b) => a.maxChars! - b.maxChars!)[0];
}

function tightestNumeric(columns: Column[]): Column | undefined {
  return columns.filter((c) => c.dataType === 'numeric' && c.precision !== null).sort((a, b) => a.precision! - b.precision!)[0];
}

// ---------------------------------------------------------------------------------------------------------------
// Strings

/**
 * Text of exactly `count` characters (code points) in a few alphabets that count differently: ASCII; an emoji
 * (two UTF-16 units, four UTF-8 bytes); Devanagari (three UTF-8 bytes); a letter with a variation selector
 * (validator.js does not count the selector, PostgreSQL does); a combining accent; and with a NUL, which
 * PostgreSQL's text types cannot hold.
 */
export function textOf(count: number, thorough = true): Boundary[] {
  if (count <= 0) return [{ label: 'empty', value: '' }];
  const pairs = (pair: string, single: string) => pair.repeat(Math.floor(count / 2)) + (count % 2 ? single : '');
  const all = [
    { label: `${count} ASCII characters`, value: 'x'.repeat(count) },
    { label: `${count} emoji (${count * 2} UTF-16 units)`, value: '💸'.repeat(count) },
    { label: `${count} characters, half of them variation selectors`, value: pairs('a\uFE0F', 'a') },
    { label: `${count} characters ending in NUL`, value: `${'x'.repeat(count - 1)}\u0000` },
    { label: `${count} Devanagari letters`, value: 'क'.repeat(count) },
    { label: `${count} characters, half of them combining accents`, value: pairs('e\u0301', 'e') },
    { label: `${count} characters between spaces`, value: ` ${'x'.repeat(count)} ` },
  ];
  // The first four already count in four different ways; the rest add alphabets (the long run sends them too).
  return thorough ? all : all.slice(0, 4);
}

/**
 * A value of exactly `length` characters that still matches `pattern` (when there is one), made from a valid
 * `seed` (the documented example) by repeating or dropping its own characters. Null when the grammar cannot reach
 * that length from the seed.
 */
export function stretch(seed: string, length: number, pattern?: RegExp): string[] {
  const fits = (s: string) => !pattern || pattern.test(s);
  if (!fits(seed) || seed.length === 0) return [];
  const results = new Set<string>();
  for (let i = 0; i < seed.length; i++) {
    let s: string;
    if (length >= seed.length) s = seed.slice(0, i + 1) + seed[i].repeat(length - seed.length) + seed.slice(i + 1);
    else if (i + (seed.length - length) <= seed.length) s = seed.slice(0, i) + seed.slice(i + (seed.length - length));
    else continue;
    if (s.length === length && fits(s)) results.add(s);
  }
  // Three of them at most: the first, the middle and the last place the seed could grow or shrink.
  const all = [...results];
  return [...new Set([all[0], all[Math.floor(all.length / 2)], all[all.length - 1]])].filter((s) => s !== undefined);
}

/** The longest value the grammar accepts that grows from the seed one repeated character at a time. */
export function longestMatch(seed: string, pattern: RegExp, cap = 1000): string | null {
  if (!pattern.test(seed)) return null;
  let s = seed;
  while (s.length < cap) {
    let grown = false;
    for (let i = 0; i < s.length && !grown; i++) {
      const next = s.slice(0, i + 1) + s[i] + s.slice(i + 1);
      if (pattern.test(next)) {
        s = next;
        grown = true;
      }
    }
    if (!grown) return s;
  }
  return s;
}

export function stringBoundaries(field: string, schema: Schema, columns: Column[], thorough = true): Boundary[] {
  if (schema.enum || schema.format === 'uuid' || schema.format === 'date-time') return [];
  const pattern = typeof schema.pattern === 'string' ? new RegExp(schema.pattern) : undefined;
  const column = tightestLength(columns);
  const example = typeof schema.example === 'string' ? schema.example : undefined;
  const lengths = new Map<number, string>();
  const mark = (n: number | undefined, why: string) => {
    if (n === undefined || n < 0) return;
    lengths.set(n, lengths.has(n) ? `${lengths.get(n)}, ${why}` : why);
  };
  mark(0, 'empty');
  mark(1, 'one character');
  if (schema.minLength !== undefined) {
    mark(schema.minLength - 1, 'minLength - 1');
    mark(schema.minLength, 'minLength');
  }
  if (schema.maxLength !== undefined) {
    mark(schema.maxLength, 'maxLength');
    mark(schema.maxLength + 1, 'maxLength + 1');
  }
  if (column) {
    mark(column.maxChars!, `column ${column.table}.${column.column}`);
    mark(column.maxChars! + 1, `column ${column.table}.${column.column} + 1`);
  }
  const longest = example && pattern ? longestMatch(example, pattern) : null;
  if (longest) mark(longest.length, 'longest the pattern allows');
  if (schema.maxLength === undefined && !column && !pattern) mark(70_000, 'no bound: past the body limit');

  const out: Boundary[] = [];
  for (const [length, why] of lengths) {
    // Shaped like a valid value (the example stretched), so that it passes every other check and reaches the column.
    for (const value of example ? stretch(example, length, pattern) : []) {
      out.push({ label: `${field}: ${length} characters shaped like "${example}" (${why})`, value });
    }
    if (length === longest?.length) out.push({ label: `${field}: the longest value the pattern allows (${why})`, value: longest });
    for (const text of textOf(length, thorough)) out.push({ label: `${field}: ${text.label} (${why})`, value: text.value });
  }
  return out;
}

/** An enumeration's own values, and values next to them: another case, padded, one character more. */
export function enumBoundaries(field: string, schema: Schema): Boundary[] {
  const values: unknown[] = schema.enum ?? [];
  return values.flatMap((v) =>
    typeof v === 'string'
      ? [
          { label: `${field}: "${v}"`, value: v, valid: true },
          { label: `${field}: "${v}" in capitals`, value: v.toUpperCase() },
          { label: `${field}: "${v}" between spaces`, value: ` ${v} ` },
          { label: `${field}: "${v}" and one character more`, value: `${v}x` },
        ]
      : [],
  );
}

// ---------------------------------------------------------------------------------------------------------------
// Numbers

const TWO = 2n;
/** Where integer types end: int32, JavaScript's safe integers, int64, uint64. */
const INTEGER_EDGES: [string, bigint][] = [
  ['2^31 - 1', TWO ** 31n - 1n],
  ['2^31', TWO ** 31n],
  ['2^53 + 1', TWO ** 53n + 1n],
  ['2^63 - 1', TWO ** 63n - 1n],
  ['2^63', TWO ** 63n],
  ['2^64', TWO ** 64n],
  ['-2^63 - 1', -(TWO ** 63n) - 1n],
];

/** An integer (query parameter or header) at its documented range, at integer type limits, and not quite integers. */
export function integerBoundaries(field: string, schema: Schema, columns: Column[]): Boundary[] {
  const out: Boundary[] = [];
  const add = (label: string, value: string) => out.push({ label: `${field}: ${label}`, value });
  if (typeof schema.minimum === 'number') {
    add(`minimum - 1 (${schema.minimum - 1})`, String(schema.minimum - 1));
    add(`minimum (${schema.minimum})`, String(schema.minimum));
  }
  if (typeof schema.maximum === 'number') {
    add(`maximum (${schema.maximum})`, String(schema.maximum));
    add(`maximum + 1 (${schema.maximum + 1})`, String(schema.maximum + 1));
  }
  const bits = columns.find((c) => ['smallint', 'integer', 'bigint'].includes(c.dataType))?.precision;
  if (bits) {
    add(`column's largest (2^${bits - 1} - 1)`, String(TWO ** BigInt(bits - 1) - 1n));
    add(`column's largest + 1 (2^${bits - 1})`, String(TWO ** BigInt(bits - 1)));
  }
  for (const [label, value] of INTEGER_EDGES) add(label, value.toString());
  for (const text of ['0', '-0', '-1', '1.5', '1.0', '1e2', '0x10', '+5', '05', ' 5', '5 ', 'Infinity', 'NaN', '', '١٢'])
    add(`"${text}"`, text);
  return out;
}

/** A decimal string: at its column's precision and scale and just past them, and the ways numbers are spelled. */
export function decimalBoundaries(field: string, schema: Schema, columns: Column[]): Boundary[] {
  const column = tightestNumeric(columns);
  const signed = typeof schema.pattern === 'string' && schema.pattern.includes('-');
  const out: Boundary[] = [];
  const add = (label: string, value: unknown) => out.push({ label: `${field}: ${label}`, value });
  if (column) {
    const whole = column.precision! - column.scale!;
    const where = `${column.table}.${column.column} numeric(${column.precision},${column.scale})`;
    const largest = `${'9'.repeat(whole)}.${'9'.repeat(column.scale!)}`;
    const past = `1${'0'.repeat(whole)}.${'0'.repeat(column.scale!)}`;
    const unit = `0.${'0'.repeat(column.scale! - 1)}1`;
    const finer = `0.${'0'.repeat(column.scale!)}1`;
    add(`the largest ${where} holds (${largest})`, largest);
    add(`one unit past ${where} (${past})`, past);
    add(`the smallest unit (${unit})`, unit);
    add(`finer than the scale (${finer})`, finer);
    add(`the largest as a JSON number`, Number(largest));
    if (signed) {
      add(`the most negative ${where} holds (-${largest})`, `-${largest}`);
      add(`one unit below it (-${past})`, `-${past}`);
    }
  }
  for (const text of ['0', '0.00', '-0', '-0.01', '1e3', '+1', '.5', '5.', '1,000', ' 1', '١٢٣', 'NaN', 'Infinity', '0x10'])
    add(`"${text}"`, text);
  add('a JSON number', 250.5);
  add('the smallest positive double', Number.MIN_VALUE);
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// Ids and cursors

/** UUIDs that parse but name nothing: a random v4, nil, max, other versions. `known` adds real ids of other things. */
export function idBoundaries(field: string, known: Record<string, string>): Boundary[] {
  const v4 = randomUUID();
  const out: Boundary[] = [
    { label: `${field}: a v4 UUID that exists in no table`, value: v4 },
    { label: `${field}: the nil UUID`, value: '00000000-0000-0000-0000-000000000000' },
    { label: `${field}: the max UUID`, value: 'ffffffff-ffff-ffff-ffff-ffffffffffff' },
    { label: `${field}: a v1 UUID`, value: 'a8098c1a-f86e-11da-bd1a-00112444be1e' },
    { label: `${field}: a v7 UUID`, value: '01890a5d-ac96-774b-bcce-b302099a8057' },
    { label: `${field}: a v4 UUID in capitals`, value: v4.toUpperCase() },
    { label: `${field}: a UUID without dashes`, value: v4.replace(/-/g, '') },
    { label: `${field}: a UUID in braces`, value: `{${v4}}` },
    { label: `${field}: a UUID as a URN`, value: `urn:uuid:${v4}` },
  ];
  for (const [what, id] of Object.entries(known)) out.push({ label: `${field}: the id of ${what}`, value: id });
  return out;
}

const pad = (n: number, width: number) => String(n).padStart(width, '0');

/**
 * Cursors in the list's own format (base64url of `[timestamp, id]`) whose timestamp is at or past the edges of the
 * calendar and the clock, with ids that parse but exist nowhere; plus cursors that are not a cursor at all.
 */
export function cursorBoundaries(): Boundary[] {
  const encode = (at: unknown, id: unknown = randomUUID()) => Buffer.from(JSON.stringify([at, id])).toString('base64url');
  const out: Boundary[] = [];
  const dates: [string, number, number, number][] = [
    ['30 February', 2026, 2, 30],
    ['29 February of a common year', 2025, 2, 29],
    ['29 February 1900', 1900, 2, 29],
    ['29 February of a leap year', 2024, 2, 29],
    ['31 April', 2026, 4, 31],
    ['year 0', 0, 1, 1],
    ['year 1', 1, 1, 1],
    ['year 9999', 9999, 12, 31],
    ['month 0', 2026, 0, 10],
    ['month 13', 2026, 13, 1],
    ['day 0', 2026, 1, 0],
    ['day 32', 2026, 1, 32],
  ];
  for (const [what, y, m, d] of dates)
    out.push({ label: `cursor: ${what}`, value: encode(`${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)} 10:00:00+00`) });
  out.push({ label: 'cursor: year 10000', value: encode('10000-01-01 00:00:00+00') });
  const clocks: [string, string][] = [
    ['24:00', '24:00:00'],
    ['25:00', '25:00:00'],
    ['minute 60', '10:60:00'],
    ['second 60 (a leap second)', '23:59:60'],
    ['second 61', '23:59:61'],
    ['seven decimals', '10:00:00.9999999'],
    ['99:99:99', '99:99:99'],
  ];
  for (const [what, time] of clocks) out.push({ label: `cursor: ${what}`, value: encode(`2026-01-01 ${time}+00`) });
  for (const offset of ['+14', '+15:59', '+16', '-16:00', '+05:60', '+99', 'Z'])
    out.push({ label: `cursor: offset ${offset}`, value: encode(`2026-01-01 10:00:00${offset}`) });
  out.push(
    { label: 'cursor: the nil UUID', value: encode('2026-01-01 10:00:00+00', '00000000-0000-0000-0000-000000000000') },
    { label: 'cursor: an id that is not a UUID', value: encode('2026-01-01 10:00:00+00', 'x') },
    { label: 'cursor: a number for the timestamp', value: encode(1767225600, randomUUID()) },
    { label: 'cursor: one element', value: Buffer.from(JSON.stringify(['2026-01-01 10:00:00+00'])).toString('base64url') },
    { label: 'cursor: an object', value: Buffer.from('{"at":"2026-01-01"}').toString('base64url') },
    { label: 'cursor: not JSON', value: Buffer.from('2026-01-01').toString('base64url') },
    { label: 'cursor: not base64url', value: '!!!' },
    { label: 'cursor: 200 characters', value: 'A'.repeat(200) },
    { label: 'cursor: 201 characters', value: 'A'.repeat(201) },
  );
  return out;
}
