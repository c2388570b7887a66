import type { LedgerTransactionDto } from '@khata/client';
import { absoluteAmount, formatRupees, signOf } from '../../../shared/format/money';

export type Viewer = 'customer' | 'business';

/** Only entries recorded by hand, not yet corrected and not corrections themselves, are corrected (as the API says). */
export function isCorrectable(entry: LedgerTransactionDto): boolean {
  return entry.paymentMethod === 'manual' && !entry.correctsEntryId && !entry.correctedBy;
}

/** The running balance after an entry, in the reader's words: "owes ₹1,250.00", "₹200.00 advance", "settled". */
export function balanceAfterInWords(balance: string, viewer: Viewer): string {
  const sign = signOf(balance);
  if (sign === 0) return 'settled';
  if (sign < 0) return `${formatRupees(absoluteAmount(balance))} advance`;
  return `${viewer === 'customer' ? 'you owe' : 'owes'} ${formatRupees(balance)}`;
}

/** What a correction's amount may be: what the entry should have said, `0` included (spaces and commas dropped). */
const CORRECT_AMOUNT = /^\d{1,8}(\.\d{1,2})?$/;

export function cleanCorrectAmount(typed: string): string | null {
  const text = typed.replace(/[\s,]/g, '');
  return CORRECT_AMOUNT.test(text) ? text : null;
}

/** Exact paise of a decimal string (never a float). */
export function toPaise(amount: string): bigint {
  const negative = amount.trim().startsWith('-');
  const [whole, fraction = ''] = amount.trim().replace(/^[-+]/, '').split('.');
  const paise = BigInt(whole || '0') * 100n + BigInt((fraction + '00').slice(0, 2));
  return negative ? -paise : paise;
}

export function fromPaise(paise: bigint): string {
  const negative = paise < 0n;
  const abs = negative ? -paise : paise;
  return `${negative ? '-' : ''}${abs / 100n}.${String(abs % 100n).padStart(2, '0')}`;
}

/**
 * What a correction adds, as the API does it: more than recorded is more of the same kind, less is the other kind,
 * for the difference. Null when nothing would change.
 */
export function correctionOf(entry: Pick<LedgerTransactionDto, 'type' | 'amount'>, correctAmount: string) {
  const difference = toPaise(correctAmount) - toPaise(entry.amount);
  if (difference === 0n) return null;
  const same = difference > 0n;
  const type: LedgerTransactionDto['type'] = same ? entry.type : entry.type === 'credit' ? 'payment' : 'credit';
  return { type, amount: fromPaise(same ? difference : -difference) };
}
