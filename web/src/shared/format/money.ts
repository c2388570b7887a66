/**
 * Money in the SPA is what it is in the API: a decimal string ("1250.50", "-200.00"). It is never turned into a
 * JavaScript number, so no rounding can ever creep in: formatting splits the string at the point and groups the
 * rupees with BigInt in the Indian system (lakh, crore).
 */

const grouping = new Intl.NumberFormat('en-IN');

/** What the API and the forms accept: digits, optionally a point and one or two decimals. */
const AMOUNT_PATTERN = /^\d{1,8}(\.\d{1,2})?$/;

interface Decimal {
  negative: boolean;
  rupees: string;
  paise: string;
}

function parse(amount: string): Decimal {
  const text = amount.trim();
  const negative = text.startsWith('-');
  const [whole = '0', fraction = ''] = text.replace(/^[-+]/, '').split('.');
  const rupees = whole.replace(/^0+(?=\d)/, '') || '0';
  return { negative, rupees, paise: (fraction + '00').slice(0, 2) };
}

function isZero(d: Decimal): boolean {
  return /^0+$/.test(d.rupees) && d.paise === '00';
}

/** "1250.5" -> "₹1,250.50"; "100000" -> "₹1,00,000.00"; "-200" -> "-₹200.00". */
export function formatRupees(amount: string): string {
  const d = parse(amount);
  const body = `₹${grouping.format(BigInt(d.rupees))}.${d.paise}`;
  return d.negative && !isZero(d) ? `-${body}` : body;
}

/** The same amount without its sign: for "Advance ₹200.00" from "-200.00". */
export function absoluteAmount(amount: string): string {
  return amount.trim().replace(/^[-+]/, '');
}

/** -1, 0 or 1, read from the string alone. */
export function signOf(amount: string): -1 | 0 | 1 {
  const d = parse(amount);
  if (isZero(d)) return 0;
  return d.negative ? -1 : 1;
}

/** Whether a typed amount is one the API takes for a payment or a ledger entry (more than zero). */
export function isValidAmount(amount: string): boolean {
  return AMOUNT_PATTERN.test(amount.trim()) && signOf(amount) === 1;
}

/** What a person typed as an amount, read: the canonical string the API takes, or why it cannot be one. */
export type AmountInput = { ok: true; amount: string } | { ok: false; reason: string };

/** Indian grouping (1,25,000 and 12,34,56,789) or international (125,000), commas only between whole groups. */
const GROUPED_INDIAN = /^\d{1,2}(,\d{2})*,\d{3}$/;
const GROUPED_INTERNATIONAL = /^\d{1,3}(,\d{3})+$/;
/** The most an amount field takes (the API's 8 digits of rupees). */
export const MAX_AMOUNT = '99999999.99';

/**
 * Reads an amount as people in India type it: "1,25,000", "125,000", "1000", "₹ 250.50", with one or two
 * decimals. Commas must sit between groups (Indian or international), so "1,2,3" is refused rather than guessed.
 * The result is the string the API takes ("125000", "250.50"); it is never a number. Zero is refused here: every
 * amount field asks for more than zero (an advance is a choice beside the amount, not a minus sign).
 */
export function readAmount(typed: string): AmountInput {
  const text = typed.replace(/[\s\u00a0]/g, '').replace(/^(₹|rs\.?|inr)/i, '');
  if (text === '') return { ok: false, reason: 'Enter an amount, like 250 or 1,25,000.' };
  if (text.startsWith('-')) return { ok: false, reason: 'The amount must be more than zero (no minus sign).' };
  const match = /^([\d,]+)(?:\.(\d*))?$/.exec(text);
  if (!match) return { ok: false, reason: 'Use digits only, like 250, 250.50 or 1,25,000.' };
  const [, whole, fraction] = match;
  if (whole.includes(',') && !GROUPED_INDIAN.test(whole) && !GROUPED_INTERNATIONAL.test(whole))
    return { ok: false, reason: 'The commas are in the wrong place: write it like 1,25,000 or 125,000 (or with no commas).' };
  if (fraction !== undefined && fraction.length === 0)
    return { ok: false, reason: 'Add the paise after the point, like 250.50, or leave the point out.' };
  if (fraction !== undefined && fraction.length > 2) return { ok: false, reason: 'At most two decimals (paise), like 250.50.' };
  const rupees = whole.replace(/,/g, '').replace(/^0+(?=\d)/, '');
  if (rupees.length > 8) return { ok: false, reason: `That is more than ${formatRupees(MAX_AMOUNT)}, the most one entry can be.` };
  const amount = fraction ? `${rupees}.${fraction}` : rupees;
  if (signOf(amount) === 0) return { ok: false, reason: 'The amount must be more than zero.' };
  return { ok: true, amount };
}

/** An amount as whole paise (exact, BigInt): "1250.5" -> 125050n, "-2" -> -200n. */
export function toPaise(amount: string): bigint {
  const d = parse(amount);
  const paise = BigInt(d.rupees) * 100n + BigInt(d.paise);
  return d.negative ? -paise : paise;
}

/** Whole paise back to the API's string with two decimals: 125050n -> "1250.50". */
export function fromPaise(paise: bigint): string {
  const negative = paise < 0n;
  const abs = negative ? -paise : paise;
  const text = `${abs / 100n}.${String(abs % 100n).padStart(2, '0')}`;
  return negative && abs !== 0n ? `-${text}` : text;
}

/** Two decimals, as a UPI intent's `am` wants it: "250" -> "250.00", "250.5" -> "250.50". */
export function toTwoDecimals(amount: string): string {
  const d = parse(amount);
  return `${d.negative && !isZero(d) ? '-' : ''}${d.rupees}.${d.paise}`;
}

/** A customer's balance in words: positive means they owe, negative is an advance. */
export function balanceInWords(balance: string, who: 'you' | 'they'): string {
  const sign = signOf(balance);
  if (sign === 0) return 'All settled';
  if (sign < 0) return `Advance ${formatRupees(absoluteAmount(balance))}`;
  return `${who === 'you' ? 'You owe' : 'Owes'} ${formatRupees(balance)}`;
}
