/**
 * The bounds of what responses carry, from the columns (and validators) they come from, so that the document can say
 * `maxLength` on every string and `maxItems` on every array. Inputs take theirs from the validators beside them.
 */
/** users.name, customers.name, businesses.name, customer_credits.display_name: varchar(100). */
export const NAME_MAX_LENGTH = 100;
/** Notes and reasons: the validators allow 500 characters (`@IsText({ max: 500 })`). */
export const NOTE_MAX_LENGTH = 500;
/** `payment_method`: varchar(50). */
export const PAYMENT_METHOD_MAX_LENGTH = 50;
/** `+91` and 10 digits. */
export const PHONE_MAX_LENGTH = 13;
/** One amount: NUMERIC(10,2), at most "99999999.99"; a balance may be negative. */
export const AMOUNT_MAX_LENGTH = 11;
export const BALANCE_MAX_LENGTH = 12;
/** A sum of amounts (totals over many accounts): far below NUMERIC's 131072 digits, bounded for clients at 20. */
export const TOTAL_MAX_LENGTH = 20;
/** A `nextCursor`, as `cursor` takes it back. */
export const CURSOR_MAX_LENGTH = 200;
/** Refresh and device tokens (the inputs that take them back allow 20-200). */
export const TOKEN_MAX_LENGTH = 200;
/** An access token (a JWT of a few claims, about 300 characters). */
export const ACCESS_TOKEN_MAX_LENGTH = 2048;
/** The most items of a page (`limit`'s maximum), and of any list in a response. */
export const PAGE_MAX_ITEMS = 100;
