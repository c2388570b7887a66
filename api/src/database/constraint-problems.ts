import { DomainError } from '../problems/domain-error';
import { ProblemCode } from '../problems/problem-code';
import { pgError } from './pg-errors';

/**
 * Rules the database enforces on every path (any service, any statement) whose refusal is the client's to fix,
 * not a bug: each constraint's name maps to the problem the client gets. Anything else stays a 500.
 */
const CONSTRAINT_PROBLEMS: Record<string, () => DomainError> = {
  customer_credits_balance_range: () =>
    new DomainError(
      ProblemCode.BalanceOutOfRange,
      'This would take the account balance past ₹99,999,999.99 either way, the most an account can hold; settle part of it first',
    ),
  transactions_corrects_key: () => new DomainError(ProblemCode.EntryAlreadyCorrected, 'This entry was corrected already'),
  customer_credits_merged: () =>
    new DomainError(ProblemCode.AccountMerged, 'This account was merged into another one; record entries there (see mergedInto)'),
};

export function problemForConstraint(error: unknown): DomainError | null {
  const { constraint } = pgError(error);
  const problem = constraint ? CONSTRAINT_PROBLEMS[constraint] : undefined;
  return problem ? problem() : null;
}
