import { Injectable } from '@nestjs/common';
import { AccountsRepository } from '../accounts/accounts.repository';
import type { CustomerPrincipal, Principal } from '../auth/principal';
import { isUniqueViolation } from '../database/pg-errors';
import { decodeCursor, toPage } from '../pagination/pagination';
import { DomainError } from '../problems/domain-error';
import { ProblemCode } from '../problems/problem-code';
import { type Tenant, tenantOf } from '../tenancy/tenant';
import type { ListPaymentsQuery, PaymentDto, PaymentHistoryDto, PaymentPageDto, SubmitPaymentDto } from './dto/payment.dto';
import { toPaymentDto, toPaymentEventDto } from './payment.mapper';
import { MAX_PENDING_PER_ACCOUNT, paymentNotFound, paymentNotPending, tooManyPending, utrInUse } from './payments.errors';
import { NewClaim, PaymentRow, PaymentsRepository } from './payments.repository';
import { BusinessesRepository } from '../businesses/businesses.repository';
import { Database } from '../database/database';

/** Customers' claims "I paid ₹X via PhonePe": submit, read, list, cancel, and their audit trail. */
@Injectable()
export class PaymentsService {
  constructor(
    private readonly db: Database,
    private readonly payments: PaymentsRepository,
    private readonly accounts: AccountsRepository,
    private readonly businesses: BusinessesRepository,
  ) {}

  /** The customer's claim: pending until the business decides. (At most once per Idempotency-Key: the edge sees to it.) */
  async submit(customer: CustomerPrincipal, claim: SubmitPaymentDto): Promise<PaymentDto> {
    return this.db.transaction(async () => {
      const tenant = tenantOf(customer);
      const accountId = await this.accounts.activeWith({ kind: 'customer', customerId: customer.customerId }, claim.businessId);
      if (!accountId) throw new DomainError(ProblemCode.AccountNotFound, 'You have no account with this business; join it first');
      if (await this.businesses.isClosed({ kind: 'customer', customerId: customer.customerId }, claim.businessId))
        throw new DomainError(ProblemCode.ShopClosed, 'This shop has closed; it takes no more claims here');
      const row = await this.file(tenant, {
        accountId,
        amount: claim.amount,
        notes: claim.notes || null,
        utr: claim.utr ?? null,
        actorId: customer.userId,
        actorRole: 'customer',
      });
      return toPaymentDto(row);
    });
  }

  /**
   * Files a pending claim and its `submitted` event on one of the tenant's accounts, in the caller's transaction.
   * Locking the account serialises claims on it, so the pending limit holds under concurrency.
   */
  async file(tenant: Tenant, claim: NewClaim): Promise<PaymentRow> {
    if (!(await this.accounts.lock(tenant, claim.accountId)))
      throw new DomainError(ProblemCode.AccountNotFound, 'No such account among yours');
    if ((await this.payments.pendingOn(tenant, claim.accountId)) >= MAX_PENDING_PER_ACCOUNT) throw tooManyPending();
    try {
      return (await this.payments.insert(tenant, claim))!;
    } catch (error) {
      if (isUniqueViolation(error, 'pending_payments_business_utr')) throw utrInUse();
      throw error;
    }
  }

  async get(principal: Principal, paymentId: string): Promise<PaymentDto> {
    const row = await this.payments.find(tenantOf(principal), paymentId);
    if (!row) throw paymentNotFound();
    return toPaymentDto(row);
  }

  /** Newest first; a business sees its own, a customer theirs. */
  async list(principal: Principal, query: ListPaymentsQuery): Promise<PaymentPageDto> {
    const limit = query.limit ?? 20;
    const rows = await this.payments.list(tenantOf(principal), {
      limit,
      after: decodeCursor(query.cursor),
      status: query.status,
      accountId: query.accountId,
      q: query.q,
    });
    return toPage(rows, limit, toPaymentDto);
  }

  /** The customer withdraws a claim while it is still pending. */
  async cancel(customer: CustomerPrincipal, paymentId: string): Promise<PaymentDto> {
    const tenant = { kind: 'customer' as const, customerId: customer.customerId };
    const row = await this.payments.cancel(tenant, paymentId, customer.userId);
    if (!row) throw await this.whyUnchanged(tenant, paymentId);
    return toPaymentDto(row);
  }

  async history(principal: Principal, paymentId: string): Promise<PaymentHistoryDto> {
    const rows = await this.payments.history(tenantOf(principal), paymentId);
    if (rows.length === 0) throw paymentNotFound();
    return { items: rows.map(toPaymentEventDto) };
  }

  /** A decision changed no row: the payment is not the tenant's (404), or no longer pending (409 with its status). */
  async whyUnchanged(tenant: Tenant, paymentId: string): Promise<DomainError> {
    const status = await this.payments.status(tenant, paymentId);
    return status ? paymentNotPending(paymentId, status) : paymentNotFound();
  }
}
