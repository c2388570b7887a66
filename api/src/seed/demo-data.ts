import type { INestApplicationContext } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { AccountsService } from '../accounts/accounts.service';
import { AuthService } from '../auth/auth.service';
import type { Principal } from '../auth/principal';
import { PaymentsService } from '../payments/payments.service';
import { TransactionsService } from '../transactions/transactions.service';

export const DEMO_PASSWORD = 'khata-demo-1';
export const DEMO_BUSINESS_PHONE = '+919876500001';
export const DEMO_CUSTOMER_PHONE = '+919876500002';

const CUSTOMERS = [
  { name: 'Asha Verma', phone: '+919876500002', opening: '1250.00', registered: true },
  { name: 'Rahul Gupta', phone: '+919876500003', opening: '3480.50', registered: true },
  { name: 'Meena Iyer', phone: '+919876500004', opening: '640.00', registered: false },
  { name: 'Imran Khan', phone: '+919876500005', opening: '-200.00', registered: false },
  { name: 'Priya Nair', phone: '+919876500006', opening: '0', registered: false },
];

/**
 * Demo data for `npm start`, made through the services so every rule holds (balances equal their ledgers):
 * one shop, five customers (two with logins), a few ledger entries and three pending claims.
 * Runs only on an empty database.
 */
export async function seedDemoData(app: INestApplicationContext): Promise<boolean> {
  const dataSource = app.get(DataSource);
  const [{ users }] = await dataSource.query(`SELECT count(*)::int AS users FROM users`);
  if (users > 0) return false;

  const auth = app.get(AuthService);
  const accounts = app.get(AccountsService);
  const transactions = app.get(TransactionsService);
  const payments = app.get(PaymentsService);

  const owner = await auth.register(
    {
      role: 'business',
      name: 'Ravi Sharma',
      phone: DEMO_BUSINESS_PHONE,
      password: DEMO_PASSWORD,
      businessName: 'Sharma Kirana Store',
      upiId: 'sharmakirana@ybl',
    },
    'seed',
  );
  const me = await auth.me({ userId: owner.user.id, role: 'business', businessId: null, customerId: null });
  const business: Principal = { userId: owner.user.id, role: 'business', businessId: me.business!.id, customerId: null };

  for (const person of CUSTOMERS) {
    const account = await accounts.create(business, { name: person.name, phone: person.phone, openingBalance: person.opening });
    await transactions.record(business, account.id, { type: 'credit', amount: '180.00', notes: 'Atta 10 kg' }, null, '');
    if (!person.registered) continue;
    const login = await auth.register({ role: 'customer', name: person.name, phone: person.phone, password: DEMO_PASSWORD }, 'seed');
    const customerMe = await auth.me({ userId: login.user.id, role: 'customer', businessId: null, customerId: null });
    const customer: Principal = { userId: login.user.id, role: 'customer', businessId: null, customerId: customerMe.customer!.id };
    await accounts.join(customer, account.inviteCode!, 'seed');
    await transactions.record(business, account.id, { type: 'payment', amount: '100', notes: 'Cash at counter' }, null, '');
    for (const [amount, notes, utr] of [
      ['500.00', 'November dues', `4123456789${person.phone.slice(-2)}`],
      ['250.00', 'Part payment', null],
    ] as const) {
      await payments.submit(
        customer,
        { businessId: business.businessId!, amount, notes, utr: utr ?? undefined },
        randomUUID(),
        randomUUID(),
        'seed',
      );
      if (person.phone !== DEMO_CUSTOMER_PHONE) break;
    }
  }
  return true;
}
