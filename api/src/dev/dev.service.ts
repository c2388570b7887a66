import { Injectable } from '@nestjs/common';
import { randomInt } from 'node:crypto';
import { AccountsRepository } from '../accounts/accounts.repository';
import type { BusinessPrincipal } from '../auth/principal';
import { BusinessesRepository } from '../businesses/businesses.repository';
import type { PaymentDto } from '../payments/dto/payment.dto';
import { toPaymentDto } from '../payments/payment.mapper';
import { PaymentsService } from '../payments/payments.service';
import { businessTenant } from '../tenancy/tenant';
import { Database } from '../database/database';

const NOTES = ['November dues', 'Groceries last week', 'Part payment', 'Milk and bread', 'Paid via PhonePe', null];

/**
 * The business's own test customer. Its phone can never be a real person's (an Indian mobile starts with 6-9 and
 * every API refuses anything else), it has no login and no invite code, so nobody can claim it: test claims are
 * never filed in the name of a real customer.
 */
export const TEST_CUSTOMER = { name: 'Test Customer', phone: '+910000000000' } as const;

/** Mock claims for trying the approval flow without a second phone. Exists only with DEV_ENDPOINTS on. */
@Injectable()
export class DevService {
  constructor(
    private readonly db: Database,
    private readonly businesses: BusinessesRepository,
    private readonly accounts: AccountsRepository,
    private readonly claims: PaymentsService,
  ) {}

  /** A realistic pending claim from the business's "Test Customer" (made on first use). */
  async createTestPayment(owner: BusinessPrincipal): Promise<PaymentDto> {
    return this.db.transaction(async () => {
      const tenant = businessTenant(owner.businessId);
      // Serialises the first use, so a double tap makes one test customer.
      await this.businesses.lock(tenant);
      const account =
        (await this.accounts.findPlaceholder(tenant, TEST_CUSTOMER.phone)) ??
        (await this.accounts.createForPerson(tenant, { ...TEST_CUSTOMER, inviteCode: null }));
      const row = await this.claims.file(tenant, {
        accountId: account.id,
        amount: String(randomInt(1, 50) * 50),
        notes: NOTES[randomInt(NOTES.length)],
        utr: String(randomInt(100000, 999999)) + String(randomInt(100000, 999999)),
        actorId: owner.userId,
        actorRole: 'business',
        metadata: { test: true },
      });
      return toPaymentDto(row);
    });
  }
}
