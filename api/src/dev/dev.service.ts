import { Injectable } from '@nestjs/common';
import { randomInt } from 'node:crypto';
import { DataSource } from 'typeorm';
import type { Principal } from '../auth/principal';
import { EventsService } from '../events/events.service';
import type { PaymentDto } from '../payments/dto/payment.dto';
import { PaymentsService } from '../payments/payments.service';

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
    private readonly dataSource: DataSource,
    private readonly payments: PaymentsService,
    private readonly events: EventsService,
  ) {}

  /** A realistic pending claim from the business's "Test Customer" (made on first use). */
  async createTestPayment(principal: Principal): Promise<PaymentDto> {
    const payment = await this.dataSource.transaction(async (em) => {
      // Serialises the first use, so a double tap makes one test customer.
      await em.query(`SELECT 1 FROM businesses WHERE id = $1 FOR UPDATE`, [principal.businessId]);
      let [account] = await em.query(
        `SELECT a.id, a.customer_id FROM customer_credits a JOIN customers c ON c.id = a.customer_id
          WHERE a.business_id = $1 AND c.phone = $2 AND c.user_id IS NULL AND a.merged_into IS NULL`,
        [principal.businessId, TEST_CUSTOMER.phone],
      );
      if (!account) {
        const [customer] = await em.query(`INSERT INTO customers (name, phone) VALUES ($1, $2) RETURNING id`, [
          TEST_CUSTOMER.name,
          TEST_CUSTOMER.phone,
        ]);
        [account] = await em.query(`INSERT INTO customer_credits (business_id, customer_id) VALUES ($1, $2) RETURNING id, customer_id`, [
          principal.businessId,
          customer.id,
        ]);
      }
      const rupees = randomInt(1, 50) * 50;
      return this.payments.createClaim(em, {
        businessId: principal.businessId!,
        customerId: account.customer_id,
        amount: String(rupees),
        notes: NOTES[randomInt(NOTES.length)],
        utr: String(randomInt(100000, 999999)) + String(randomInt(100000, 999999)),
        actorId: principal.userId,
        actorRole: 'business',
        metadata: { test: true },
      });
    });
    this.events.changed();
    return payment;
  }
}
