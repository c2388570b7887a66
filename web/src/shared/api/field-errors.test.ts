import { describe, expect, it } from 'vitest';
import { formProblem } from './field-errors';
import { describeError } from './problems';

const validation = (...errors: { field: string; message: string }[]) => ({
  type: 'about:blank',
  title: 'Bad Request',
  status: 400,
  instance: '/api/v1/auth/register',
  detail: errors.map((e) => e.message).join('; '),
  code: 'VALIDATION_FAILED' as const,
  errors,
});

describe('a refused form in words', () => {
  it('puts each refused field beside itself, in a sentence that names no field', () => {
    const error = validation(
      { field: 'phone', message: 'phone must be a 10-digit Indian mobile number, optionally with +91 or 0' },
      { field: 'upiId', message: 'upiId must be a UPI ID like name@bank' },
    );
    const { fields, rest } = formProblem(error, ['name', 'phone', 'password', 'businessName', 'upiId']);
    expect(fields).toEqual({
      phone: 'Enter a 10-digit mobile number, like 98765 43210.',
      upiId: "Enter the UPI ID customers pay to, like sharmakirana@ybl: a name, then @, then the bank's part.",
    });
    expect(rest).toBeNull();
  });

  it('says what has no field on this form in the box, still without naming a field', () => {
    const { fields, rest } = formProblem(validation({ field: 'deviceToken', message: 'deviceToken must be text of 20 to 200' }), ['phone']);
    expect(fields).toEqual({});
    expect(rest).not.toMatch(/deviceToken|must be/);
  });

  it('places a refusal about one field beside it (an unknown code, a phone taken)', () => {
    const notFound = { ...validation(), status: 404, code: 'CODE_NOT_FOUND' as const, errors: undefined };
    expect(formProblem(notFound, ['joinCode'])).toEqual({ fields: { joinCode: describeError(notFound) }, rest: null });
    expect(formProblem(notFound, ['phone'])).toEqual({ fields: {}, rest: describeError(notFound) });
  });

  it('never names raw fields in the general words either', () => {
    const error = validation(
      { field: 'phone', message: 'phone must be a 10-digit Indian mobile number, optionally with +91 or 0' },
      { field: 'amount', message: 'amount must be a positive amount as a string' },
    );
    expect(describeError(error)).toBe(
      'Please check: Enter a 10-digit mobile number, like 98765 43210. Enter an amount above zero with at most two decimals, like 250 or 250.50.',
    );
  });
});
