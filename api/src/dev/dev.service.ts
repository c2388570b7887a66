import { Injectable } from '@nestjs/common';
import { randomInt } from 'node:crypto';
import { DataSource } from 'typeorm';
import type { Principal } from '../auth/principal';
import { EventsService } from '../events/events.service';
import type { PaymentDto } from '../payments/dto/payment.dto';
import { PaymentsService } from '../payments/payments.service';

const NOTES = ['November dues', 'Groceries last week', 'Part payment', 'Milk and bread', 'Paid via PhonePe', null];

/** Mock claims for trying the approval flow without a second phone. Exists only with DEV_ENDPOINTS on. */
@Injectable()
export class DevService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly payments: PaymentsService,
    private readonly events: EventsService,
  ) {}

  /** A realistic pending claim from one of the business's customers ("Test Customer" if it has none). */
  async createTestPayment(principal: Principal): Promise<PaymentDto> {
    const payment = await this.dataSource.transaction(async (em) => {
      // Prefer a customer with room for another pending claim.
      let [account] = await em.query(
        `SELECT a.id, a.customer_id FROM customer_credits a
          WHERE a.business_id = $1
            AND (SELECT count(*) FROM pending_payments p WHERE p.account_id = a.id AND p.status = 'pending') < 10
          ORDER BY random() LIMIT 1`,
        [principal.businessId],
      );
      if (!account) {
        const [customer] = await em.query(`INSERT INTO customers (name, phone) VALUES ('Test Customer', '+919999999999') RETURNING id`);
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
