import { isProblem } from '../../../shared/api/problems';

/** What the API said about one field (VALIDATION_FAILED, PASSWORD_INCORRECT), in words for the person, or null. */
export function fieldError(error: unknown, field: string, words: Record<string, string> = {}): string | null {
  if (!isProblem(error)) return null;
  const found = error.errors?.find((e) => e.field === field);
  if (!found) return null;
  if (error.code === 'PASSWORD_INCORRECT') return 'That is not your current password.';
  return words[field] ?? found.message;
}

/** The problem is about fields shown beside them: the form needs no second message above its button. */
export function onlyFieldErrors(error: unknown, fields: string[]): boolean {
  return isProblem(error) && !!error.errors?.length && error.errors.every((e) => fields.includes(e.field));
}
