import { fromPaise, toPaise, toTwoDecimals } from '../../../shared/format/money';

/**
 * What UPI apps understand: the query of `upi://pay` (NPCI's linking specification). PhonePe opens its own
 * scheme, `phonepe://pay`, with the same query, straight into the app (no chooser on Android); every other UPI
 * app takes `upi://pay`, and so does a QR code.
 */
export interface UpiPayment {
  upiId: string;
  /** The payee's name (the shop). */
  name: string;
  /** An amount the API would take (from readAmount), or null to let the app ask for it. */
  amount: string | null;
  note: string;
}

function upiQuery({ upiId, name, amount, note }: UpiPayment): string {
  return [
    // The payee address stays readable (name@bank): some UPI apps do not decode %40 in `pa`.
    `pa=${encodeURIComponent(upiId).replace(/%40/g, '@')}`,
    `pn=${encodeURIComponent(name)}`,
    ...(amount ? [`am=${toTwoDecimals(amount)}`] : []),
    'cu=INR',
    `tn=${encodeURIComponent(note)}`,
  ].join('&');
}

/** The generic intent any UPI app (and a scanned QR code) understands. */
export function upiIntent(payment: UpiPayment): string {
  return `upi://pay?${upiQuery(payment)}`;
}

/** PhonePe's own scheme: opens PhonePe itself, not Android's "open with" chooser. */
export function phonePeIntent(payment: UpiPayment): string {
  return `phonepe://pay?${upiQuery(payment)}`;
}

/** Notes longer than this are cut by some UPI apps (and banks' statements): the note keeps under it. */
export const UPI_NOTE_MAX = 50;

function shorten(text: string, max: number): string {
  const chars = Array.from(text.trim());
  return chars.length <= max ? chars.join('') : `${chars.slice(0, Math.max(1, max - 1)).join('')}…`;
}

/**
 * The note (`tn`) the shop reads in its PhonePe history: who paid whom, "Khata: Asha Rao to Sharma Dairy", at
 * most UPI_NOTE_MAX characters (the customer's name keeps up to 18 of them, the shop's the rest).
 */
export function upiNote(customer: string, shop: string): string {
  const full = `Khata: ${customer.trim()} to ${shop.trim()}`;
  if (Array.from(full).length <= UPI_NOTE_MAX) return full;
  const who = shorten(customer, 18);
  const room = UPI_NOTE_MAX - Array.from(`Khata: ${who} to `).length;
  return `Khata: ${who} to ${shorten(shop, room)}`;
}

/** The usual most one UPI payment may be (NPCI's general per-transaction limit; some banks allow less). */
export const UPI_PER_PAYMENT_LIMIT = '100000.00';

/**
 * An amount above the usual UPI limit, split as it can be paid: the limit now, and the rest after it (which may be
 * above the limit itself, and is split again when chosen). Null when it can be paid at once.
 */
export function splitForUpiLimit(amount: string): { now: string; rest: string } | null {
  const total = toPaise(amount);
  const limit = toPaise(UPI_PER_PAYMENT_LIMIT);
  if (total <= limit) return null;
  return { now: UPI_PER_PAYMENT_LIMIT, rest: fromPaise(total - limit) };
}
