import { DomainError } from '../problems/domain-error';
import { ProblemCode } from '../problems/problem-code';
import type { PaymentStatus } from './entities/pending-payment.entity';

export const MAX_PENDING_PER_ACCOUNT = 10;

export const paymentNotFound = () => new DomainError(ProblemCode.PaymentNotFound, 'No such payment among yours');

/** The 409 of a decision that lost: the body says what the payment is now, so a retrying client knows. */
export const paymentNotPending = (id: string, currentStatus: PaymentStatus) =>
  new DomainError(ProblemCode.PaymentNotPending, `Payment ${id} is already ${currentStatus}`, { currentStatus });

export const utrInUse = () =>
  new DomainError(ProblemCode.UtrInUse, 'Another pending or approved payment to this business already has this UTR');

export const tooManyPending = () =>
  new DomainError(
    ProblemCode.TooManyPending,
    `An account can have at most ${MAX_PENDING_PER_ACCOUNT} pending payments; wait for the business to decide`,
  );
