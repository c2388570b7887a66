import { Injectable } from '@nestjs/common';
import { toPaise } from '../money/money';
import { DomainError } from '../problems/domain-error';
import { ProblemCode } from '../problems/problem-code';
import { PaymentsRepository } from '../payments/payments.repository';
import type { BusinessTenant } from '../tenancy/tenant';
import { TransactionsRepository } from '../transactions/transactions.repository';
import { accountNotFound } from './accounts.errors';
import { AccountsRepository } from './accounts.repository';

export interface Merge {
  /** The business of both accounts. */
  tenant: BusinessTenant;
  intoId: string;
  fromId: string;
  actorId: string;
  actorRole: 'business' | 'customer';
}

/**
 * Two accounts of one person at one business become one. Nothing is edited or deleted: a pair of ledger entries
 * (method `merge`) moves the balance over, `from` is closed at zero pointing to `into` (its history stays
 * readable), and `account_merges` records who did it. If only `from` has a customer login, `into` takes it over.
 * Refused: the same account, a closed one, two different logins, and an account with claims still waiting for a
 * decision (decide them first). Runs in the caller's transaction.
 */
@Injectable()
export class AccountMergesService {
  constructor(
    private readonly accounts: AccountsRepository,
    private readonly ledger: TransactionsRepository,
    private readonly payments: PaymentsRepository,
  ) {}

  async merge({ tenant, intoId, fromId, actorId, actorRole }: Merge): Promise<void> {
    const sides = await this.accounts.lockForMerge(tenant, [intoId, fromId]);
    const into = sides.find((a) => a.id === intoId);
    const from = sides.find((a) => a.id === fromId);
    if (!into || !from) throw accountNotFound();
    const notMergeable = (why: string) => new DomainError(ProblemCode.AccountsNotMergeable, why);
    if (into.id === from.id) throw notMergeable('An account cannot be merged into itself');
    if (into.merged_into || from.merged_into) throw notMergeable('One of the accounts was already merged into another');
    if (into.claimed && from.claimed) throw notMergeable('Both accounts belong to customers with their own logins: they are two people');
    const pending = await this.payments.pendingOn(tenant, from.id);
    if (pending > 0) {
      throw new DomainError(
        ProblemCode.AccountHasPendingClaims,
        `The account to merge has ${pending} claim(s) waiting for a decision; approve or reject them first`,
      );
    }

    const balance = toPaise(from.current_balance);
    if (balance !== 0n) {
      const amount = from.current_balance.replace('-', '');
      const [closing, opening] = balance > 0n ? (['payment', 'credit'] as const) : (['credit', 'payment'] as const);
      const entry = { amount, createdBy: actorId, paymentMethod: 'merge' as const };
      await this.ledger.record(tenant, {
        ...entry,
        accountId: from.id,
        type: closing,
        notes: 'Balance moved to the account this one was merged into',
      });
      await this.ledger.record(tenant, {
        ...entry,
        accountId: into.id,
        type: opening,
        notes: 'Balance brought over from a merged account',
      });
    }
    await this.accounts.markMerged(tenant, from.id, into.id);
    if (from.claimed && !into.claimed) {
      await this.accounts.claim({ kind: 'customer', customerId: from.customer_id }, into.id);
      await this.accounts.dropOrphanPlaceholder(into.customer_id);
    }
    await this.accounts.recordMerge(tenant, { intoId: into.id, fromId: from.id, movedBalance: from.current_balance, actorId, actorRole });
  }
}
