import type { INestApplicationContext } from '@nestjs/common';
import { AccountsService } from '../accounts/accounts.service';
import { AuthService } from '../auth/auth.service';
import type { CustomerPrincipal, OwnerPrincipal } from '../auth/principal';
import { UsersRepository } from '../auth/users.repository';
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
  if (await app.get(UsersRepository).anyone()) return false;

  const auth = app.get(AuthService);
  const accounts = app.get(AccountsService);
  const ledger = app.get(TransactionsService);
  const claims = app.get(PaymentsService);

  const shop = await auth.signUp({
    role: 'business',
    name: 'Ravi Sharma',
    phone: DEMO_BUSINESS_PHONE,
    password: DEMO_PASSWORD,
    businessName: 'Sharma Kirana Store',
    upiId: 'sharmakirana@ybl',
  });
  const owner: OwnerPrincipal = { kind: 'owner', role: 'business', userId: shop.id, businessId: shop.business_id! };

  for (const person of CUSTOMERS) {
    const account = await accounts.create(owner, { name: person.name, phone: person.phone, openingBalance: person.opening });
    await ledger.record(owner, account.id, { type: 'credit', amount: '180.00', notes: 'Atta 10 kg' });
    if (!person.registered) continue;
    const login = await auth.signUp({ role: 'customer', name: person.name, phone: person.phone, password: DEMO_PASSWORD });
    const customer: CustomerPrincipal = { kind: 'customer', role: 'customer', userId: login.id, customerId: login.customer_id! };
    await accounts.join(customer, account.inviteCode!);
    await ledger.record(owner, account.id, { type: 'payment', amount: '100', notes: 'Cash at counter' });
    for (const [amount, notes, utr] of [
      ['500.00', 'November dues', `4123456789${person.phone.slice(-2)}`],
      ['250.00', 'Part payment', null],
    ] as const) {
      await claims.submit(customer, { businessId: owner.businessId, amount, notes, utr: utr ?? undefined });
      if (person.phone !== DEMO_CUSTOMER_PHONE) break;
    }
  }
  return true;
}
