import type { ProblemCode, ProblemDetails } from '@khata/client';
import { PAYMENT_STATUS } from '../format/payment-status';
import { fieldSentence } from './field-words';

/**
 * The API's errors are application/problem+json with a stable `code`; the SPA speaks to a shopkeeper or a
 * customer, so each code gets words of its own. Never branch on `detail` text, only on `code`.
 */
const MESSAGES: Record<ProblemCode, string> = {
  VALIDATION_FAILED: 'Some details are not right. Please check the form.',
  IDEMPOTENCY_KEY_REQUIRED: 'Something went wrong sending this. Please try again.',
  UNAUTHENTICATED: 'Your session has ended. Please log in again.',
  INVALID_CREDENTIALS: 'That phone number and password do not match.',
  REFRESH_TOKEN_INVALID: 'Your session has ended. Please log in again.',
  REFRESH_TOKEN_REUSED: 'For your safety you were logged out everywhere. Please log in again.',
  RECOVERY_CODE_INVALID:
    'That phone number and recovery code do not match, or the code was already used. Each code works once; check it and try another.',
  PASSWORD_INCORRECT: 'That is not your current password.',
  SHOP_HAS_OPEN_BOOKS:
    'Your shop still has customers who owe money or are owed an advance, or payments waiting for a decision. Settle them (record the payments, decide the claims) before closing.',
  SHOP_CLOSED: 'This shop has closed on Khata Pay and takes no more payment claims here. Settle with the shop directly.',
  FORBIDDEN_ROLE: 'This is not available for your kind of account.',
  API_KEY_INVALID: 'This API key is unknown or was revoked.',
  API_KEY_NOT_ALLOWED: 'This cannot be done with an API key. Log in instead.',
  INSUFFICIENT_SCOPE: 'This API key does not have the permission for this.',
  API_KEY_NOT_FOUND: 'We could not find that API key. It may belong to another shop.',
  NOT_FOUND: 'We could not find that.',
  PAYMENT_NOT_FOUND: 'We could not find that payment.',
  ACCOUNT_NOT_FOUND: 'We could not find that account.',
  BUSINESS_NOT_FOUND: 'We could not find that business.',
  CODE_NOT_FOUND: 'No shop has that code. Check the code and try again.',
  PHONE_TAKEN: 'This phone number is already registered. Try logging in instead.',
  CUSTOMER_EXISTS: 'A customer with this phone number is already on your list.',
  ALREADY_LINKED: 'You are already connected to this shop.',
  PAYMENT_NOT_PENDING: 'This payment was already decided.',
  UTR_IN_USE: 'This UTR is already on another payment to this shop. Check the 12-digit number in PhonePe.',
  TOO_MANY_PENDING: 'You already have 10 payments waiting for approval here. Wait for the shop to check them.',
  ACCOUNT_MERGED: 'This account was merged into another one. Use that account instead.',
  ACCOUNT_HAS_PENDING_CLAIMS: 'That account still has payments waiting for a decision. Approve or reject them first, then merge.',
  ACCOUNTS_NOT_MERGEABLE:
    'These two accounts cannot be merged (they belong to two people with their own logins, or one is already merged).',
  ENTRY_NOT_FOUND: 'We could not find that entry in this ledger.',
  ENTRY_NOT_CORRECTABLE:
    'Only entries recorded by hand can be corrected. An approved payment, a merge or a correction stays as it is: record a new sale or payment for the difference.',
  ENTRY_ALREADY_CORRECTED: 'This entry was already corrected. If it is still wrong, record a new sale or payment for the difference.',
  BALANCE_OUT_OF_RANGE: 'This would take the balance past ₹9,99,99,999.99, the most an account can hold. Settle part of it first.',
  IDEMPOTENCY_KEY_REUSED: 'This looks like a different payment than the one you retried. Please start again.',
  IDEMPOTENCY_REQUEST_IN_PROGRESS: 'We are still saving your last try. Please wait a moment.',
  PAYLOAD_TOO_LARGE: 'That is too much text. Please shorten it.',
  UNSUPPORTED_MEDIA_TYPE: 'Something went wrong sending this. Please try again.',
  RATE_LIMITED: 'Too many tries. Please wait a few minutes and try again.', // when the API gave no wait (see describeError)
  DATABASE_UNAVAILABLE: 'The service is busy right now. Please try again in a moment.',
  INTERNAL: 'Something went wrong on our side. Please try again.',
  WEBHOOK_URL_REFUSED: 'Webhooks cannot be sent to this URL. Use a public https address.',
  WEBHOOK_ENDPOINT_NOT_FOUND: 'We could not find that webhook endpoint.',
  WEBHOOK_DELIVERY_NOT_FOUND: 'We could not find that delivery.',
  TOO_MANY_WEBHOOK_ENDPOINTS: 'You have as many webhook endpoints as you may. Delete one first.',
};

/** A problem as the SPA receives it: the API's document, plus the wait its `Retry-After` header asked for. */
export type Problem = ProblemDetails & { retryAfterSeconds?: number };

export function isProblem(error: unknown): error is Problem {
  return typeof error === 'object' && error !== null && typeof (error as { code?: unknown }).code === 'string';
}

export function problemCode(error: unknown): ProblemCode | null {
  return isProblem(error) ? error.code : null;
}

/**
 * The generated client hands callers the problem document only; this error interceptor copies the wait from the
 * response's `Retry-After` (seconds, or an HTTP date) into it, so every form can say how long to wait.
 */
export function withRetryAfter(error: unknown, response: Response | undefined, now: number = Date.now()): unknown {
  const header = response?.headers.get('retry-after');
  if (!isProblem(error) || !header) return error;
  const seconds = /^\d+$/.test(header.trim()) ? Number(header) : Math.ceil((Date.parse(header) - now) / 1000);
  return Number.isFinite(seconds) && seconds > 0 ? { ...error, retryAfterSeconds: seconds } : error;
}

/**
 * How long to wait, in words, rounded up so that whoever waits that long is let in: "40 seconds", "1 minute",
 * "15 minutes" (892 s), "2 hours".
 */
export function formatWait(seconds: number): string {
  const plural = (n: number, unit: string) => `${n} ${unit}${n === 1 ? '' : 's'}`;
  const s = Math.max(1, Math.ceil(seconds));
  if (s < 60) return plural(s, 'second');
  if (s < 3600) return plural(Math.ceil(s / 60), 'minute');
  return plural(Math.ceil(s / 3600), 'hour');
}

/** Words for any error a call can end with: a problem from the API, a network failure, or anything else. */
export function describeError(error: unknown): string {
  if (isProblem(error)) {
    if (error.code === 'RATE_LIMITED' && error.retryAfterSeconds) {
      return `Too many tries. Try again in ${formatWait(error.retryAfterSeconds)}.`;
    }
    if (error.code === 'PAYMENT_NOT_PENDING' && error.currentStatus) {
      return `This payment was already ${PAYMENT_STATUS[error.currentStatus].already} (perhaps on another screen). Nothing was changed.`;
    }
    if (error.code === 'VALIDATION_FAILED' && error.errors?.length) {
      return `Please check: ${[...new Set(error.errors.map((e) => fieldSentence(e.field)))].join(' ')}`;
    }
    return MESSAGES[error.code] ?? 'Something went wrong. Please try again.';
  }
  if (error instanceof TypeError) return 'No connection. Check your internet and try again.';
  return 'Something went wrong. Please try again.';
}
