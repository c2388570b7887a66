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
