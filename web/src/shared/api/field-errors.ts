import type { ProblemCode } from '@khata/client';
import { describeError, isProblem } from './problems';
import { fieldSentence } from './field-words';

/** Refusals that are about one field although they are not validation (the code matches no shop, the phone is taken). */
const CODE_FIELD: Partial<Record<ProblemCode, string>> = {
  CODE_NOT_FOUND: 'joinCode',
  PHONE_TAKEN: 'phone',
  CUSTOMER_EXISTS: 'phone',
  UTR_IN_USE: 'utr',
};

export interface FormProblem {
  /** The words to show beside each field at fault, by the request's field name. */
  fields: Partial<Record<string, string>>;
  /** What is left to say in the form's own error box (null: nothing, or all of it is beside its field). */
  rest: string | null;
}

/**
 * A form's error split for showing: each problem about a field this form `shows` goes beside that field (marked
 * `aria-invalid`, described by it); whatever else is said once in the form's error box.
 */
export function formProblem(error: unknown, shows: readonly string[]): FormProblem {
  if (!error) return { fields: {}, rest: null };
  if (!isProblem(error)) return { fields: {}, rest: describeError(error) };
  const fields: Partial<Record<string, string>> = {};
  const field = CODE_FIELD[error.code];
  if (field && shows.includes(field)) return { fields: { [field]: describeError(error) }, rest: null };
  if (error.code !== 'VALIDATION_FAILED' || !error.errors?.length) return { fields, rest: describeError(error) };
  const elsewhere: string[] = [];
  for (const e of error.errors) {
    const top = e.field.split('.')[0];
    if (shows.includes(top)) fields[top] ??= fieldSentence(e.field);
    else if (!elsewhere.includes(fieldSentence(e.field))) elsewhere.push(fieldSentence(e.field));
  }
  return { fields, rest: elsewhere.length ? elsewhere.join(' ') : null };
}
