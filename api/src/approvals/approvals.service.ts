import { Injectable } from '@nestjs/common';
import { toAccountDto } from '../accounts/account.mapper';
import type { BusinessPrincipal } from '../auth/principal';
import type { PaymentDto } from '../payments/dto/payment.dto';
import { toPaymentDto } from '../payments/payment.mapper';
import { PaymentsRepository } from '../payments/payments.repository';
import { PaymentsService } from '../payments/payments.service';
import { businessTenant } from '../tenancy/tenant';
import { toTransactionDto } from '../transactions/transaction.mapper';
import type { ApprovalDto, PaymentStatsDto } from './dto/approval.dto';
import { istPeriods } from './ist';

/** The business's decisions on claims (approve, reject) and its dashboard figures. */
@Injectable()
export class ApprovalsService {
  constructor(
    private readonly payments: PaymentsRepository,
    private readonly claims: PaymentsService,
  ) {}

  /** One statement: the claim approved, its ledger entry, the lower balance and the audit event (see APPROVE). */
  async approve(owner: BusinessPrincipal, paymentId: string): Promise<ApprovalDto> {
    const tenant = businessTenant(owner.businessId);
    const approved = await this.payments.approve(tenant, paymentId, owner.userId);
    if (!approved) throw await this.claims.whyUnchanged(tenant, paymentId);
    return {
      payment: toPaymentDto(approved.payment),
      transaction: toTransactionDto(approved.entry),
      account: toAccountDto(approved.account, 'business'),
    };
  }

  async reject(owner: BusinessPrincipal, paymentId: string, reason: string): Promise<PaymentDto> {
    const tenant = businessTenant(owner.businessId);
    const row = await this.payments.reject(tenant, paymentId, owner.userId, reason);
    if (!row) throw await this.claims.whyUnchanged(tenant, paymentId);
    return toPaymentDto(row);
  }

  /** The dashboard's figures; "today" is the day in India. */
  async stats(owner: BusinessPrincipal, now = new Date()): Promise<PaymentStatsDto> {
    const tenant = businessTenant(owner.businessId);
    const row = await this.payments.stats(tenant, istPeriods(now));
    return {
      collected: { today: row.today, thisWeek: row.this_week, thisMonth: row.this_month },
      pendingCount: Number(row.pending_count),
      pendingTotal: row.pending_total,
      approvedTodayCount: Number(row.approved_count),
      approvedTodayTotal: row.approved_total,
      receivableTotal: row.receivable_total,
    };
  }
}
