import { AccountDtoSchema, BusinessDtoSchema } from '@khata/client';

/** How many characters a code pattern of the contract takes (`^[…]{8}$` -> 8). */
const lengthOf = (pattern: string) => /\{(\d+)\}\$?$/.exec(pattern)?.[1];

/**
 * What to do about a detail the API refused, per field of a request, in the words of whoever fills the form: never
 * the field's name or the validator's text ("phone must be …"). A field missing here still gets a sentence that
 * names no field (see `fieldSentence`).
 */
const FIELD_WORDS: Record<string, string> = {
  phone: 'Enter a 10-digit mobile number, like 98765 43210.',
  name: 'Enter a name (at most 100 characters).',
  businessName: "Enter the shop's name (at most 100 characters).",
  upiId: "Enter the UPI ID customers pay to, like sharmakirana@ybl: a name, then @, then the bank's part.",
  password: 'Use a password of 8 to 128 characters.',
  amount: 'Enter an amount above zero with at most two decimals, like 250 or 250.50.',
  openingBalance: 'Enter an amount with at most two decimals, like 1250 or 1250.50.',
  notes: 'Keep the note to 500 characters at most.',
  reason: 'Keep the reason to 500 characters at most.',
  utr: 'The UTR is the 12-digit number PhonePe shows after paying, like 412345678901.',
  joinCode: `Enter the shop's code (${lengthOf(BusinessDtoSchema.properties.joinCode.pattern) ?? 'its'} letters and digits) or the code the shop made for your account (${lengthOf(AccountDtoSchema.properties.inviteCode.pattern) ?? 'its'}).`,
};

/** The sentence for a refused field (`errors[].field` of a VALIDATION_FAILED problem). */
export function fieldSentence(field: string): string {
  return FIELD_WORDS[field] ?? FIELD_WORDS[field.split('.')[0]] ?? 'One of the details is not right. Please check the form.';
}
