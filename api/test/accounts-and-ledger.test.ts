import { randomUUID } from 'node:crypto';
import { linkedPair, pendingClaim, registerBusiness, registerCustomer, submitClaim } from './support/actors';
import { invariantViolations } from './support/invariants';
import { PaymentsRepository } from '../src/payments/payments.repository';
import { businessTenant } from '../src/tenancy/tenant';
import { startTestApp, TestApp } from './support/test-app';

describe('accounts, businesses and the ledger', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterEach(async () => {
    expect(await invariantViolations(t.db)).toEqual({});
  });
  afterAll(() => t.close());

  describe('a business adds a customer', () => {
    it('with an opening balance: one credit entry, the balance, and an invite code', async () => {
      const business = await registerBusiness(t);
      const res = await t.http
        .post('/api/v1/accounts')
        .set(business.auth)
        .send({ name: 'Meena Iyer', phone: '98450 12345', openingBalance: '640' });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({
        businessId: business.businessId,
        customerName: 'Meena Iyer',
        customerPhone: '+919845012345',
        currentBalance: '640.00',
        claimed: false,
      });
      expect(res.body.inviteCode).toMatch(/^[2-9A-HJKMNP-Z]{10}$/);
      const ledger = await t.http.get(`/api/v1/accounts/${res.body.id}/transactions`).set(business.auth);
      expect(ledger.body.items).toEqual([
        expect.objectContaining({ type: 'credit', amount: '640.00', notes: 'Opening balance', paymentMethod: 'manual' }),
      ]);
    });

    it('with an advance (negative) or zero opening balance', async () => {
      const business = await registerBusiness(t);
      const advance = await t.http
        .post('/api/v1/accounts')
        .set(business.auth)
        .send({ name: 'Imran', phone: '9845012346', openingBalance: '-200.5' });
      expect(advance.body.currentBalance).toBe('-200.50');
      const ledger = await t.http.get(`/api/v1/accounts/${advance.body.id}/transactions`).set(business.auth);
      expect(ledger.body.items).toEqual([expect.objectContaining({ type: 'payment', amount: '200.50' })]);
      const zero = await t.http
        .post('/api/v1/accounts')
        .set(business.auth)
        .send({ name: 'Priya', phone: '9845012347', openingBalance: '0' });
      expect(zero.body.currentBalance).toBe('0.00');
      expect((await t.http.get(`/api/v1/accounts/${zero.body.id}/transactions`).set(business.auth)).body.items).toEqual([]);
    });

    it.each([
      { openingBalance: 100 },
      { openingBalance: '1.001' },
      { openingBalance: '--1' },
      { phone: '123' },
      { name: '' },
      { currentBalance: '5' },
    ])('refuses %j with 400', async (patch) => {
      const business = await registerBusiness(t);
      const res = await t.http
        .post('/api/v1/accounts')
        .set(business.auth)
        .send({ name: 'X', phone: '9845012348', ...patch });
      expect(res.status).toBe(400);
    });

    it('the same phone twice is 409', async () => {
      const business = await registerBusiness(t);
      await t.http.post('/api/v1/accounts').set(business.auth).send({ name: 'A', phone: '9845012349' }).expect(201);
      const res = await t.http.post('/api/v1/accounts').set(business.auth).send({ name: 'B', phone: '+919845012349' });
      expect(res.status).toBe(409);
      expect(res.body.code).toBe('CUSTOMER_EXISTS');
    });
  });

  describe('a customer joins', () => {
    it("by a business's join code (any case, spaces and dashes): a new account", async () => {
      const business = await registerBusiness(t, 'Gupta Stores');
      const customer = await registerCustomer(t);
      const code = business.joinCode.toLowerCase();
      const res = await t.http
        .post('/api/v1/accounts/join')
        .set(customer.auth)
        .send({ joinCode: ` ${code.slice(0, 4)}-${code.slice(4)} ` });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({
        businessName: 'Gupta Stores',
        businessUpiId: 'testkirana@ybl',
        currentBalance: '0.00',
        claimed: true,
        inviteCode: null,
      });
      const again = await t.http.post('/api/v1/accounts/join').set(customer.auth).send({ joinCode: business.joinCode });
      expect(again.status).toBe(409);
      expect(again.body.code).toBe('ALREADY_LINKED');
      const profile = await t.http.get(`/api/v1/businesses/${business.businessId}`).set(customer.auth);
      expect(profile.body).toEqual({ id: business.businessId, name: 'Gupta Stores', upiId: 'testkirana@ybl', joinCode: null });
    });

    it("by an account's invite code: claims that account with its ledger and claims", async () => {
      const business = await registerBusiness(t);
      const added = await t.http
        .post('/api/v1/accounts')
        .set(business.auth)
        .send({ name: 'Rahul', phone: '9845012350', openingBalance: '900' });
      const customer = await registerCustomer(t, 'Rahul Gupta');
      const res = await t.http.post('/api/v1/accounts/join').set(customer.auth).send({ joinCode: added.body.inviteCode });
      expect(res.status).toBe(201);
      // The shop's name for the person stays (it is the shop's book), whatever name they signed up with.
      expect(res.body).toMatchObject({
        id: added.body.id,
        customerId: customer.customerId,
        customerName: 'Rahul',
        currentBalance: '900.00',
        claimed: true,
      });
      const ledger = await t.http.get(`/api/v1/accounts/${added.body.id}/transactions`).set(customer.auth);
      expect(ledger.body.items).toHaveLength(1);
      const claim = await submitClaim(t, customer, { businessId: business.businessId, amount: '100' });
      expect(claim.body).toMatchObject({ accountId: added.body.id, status: 'pending', customerName: 'Rahul' });
      // The invite code is spent.
      const other = await registerCustomer(t);
      expect((await t.http.post('/api/v1/accounts/join').set(other.auth).send({ joinCode: added.body.inviteCode })).status).toBe(404);
      const view = await t.http.get(`/api/v1/accounts/${added.body.id}`).set(business.auth);
      expect(view.body).toMatchObject({ inviteCode: null, claimed: true });
    });

    it('never by phone alone: a registered phone added by a business stays unlinked', async () => {
      const customer = await registerCustomer(t);
      const business = await registerBusiness(t);
      await t.http.post('/api/v1/accounts').set(business.auth).send({ name: 'Same phone', phone: customer.phone }).expect(201);
      expect((await t.http.get('/api/v1/accounts').set(customer.auth)).body.items).toEqual([]);
    });

    it('a code can be looked up first: whose it is, and whether joining would be refused', async () => {
      const business = await registerBusiness(t, 'Preview Stores');
      const added = await t.http.post('/api/v1/accounts').set(business.auth).send({ name: 'Kiran', phone: '9845012399' });
      const customer = await registerCustomer(t);
      const preview = (joinCode: string, auth = customer.auth) => t.http.get('/api/v1/accounts/join-preview').query({ joinCode }).set(auth);
      const join = await preview(business.joinCode.toLowerCase());
      expect(join.status).toBe(200);
      expect(join.body).toEqual({
        businessId: business.businessId,
        businessName: 'Preview Stores',
        kind: 'join',
        accountName: null,
        alreadyLinked: false,
        canMerge: false,
      });
      expect((await preview(added.body.inviteCode)).body).toMatchObject({ kind: 'invite', accountName: 'Kiran', alreadyLinked: false });
      await t.http.post('/api/v1/accounts/join').set(customer.auth).send({ joinCode: business.joinCode }).expect(201);
      expect((await preview(business.joinCode)).body.alreadyLinked).toBe(true);
      expect((await preview('ZZZZZZZZ')).body.code).toBe('CODE_NOT_FOUND');
      expect((await preview('ZZZZZZZZ', business.auth)).status).toBe(403);
    });

    it('before signing in, a code names its shop (and nothing else)', async () => {
      const business = await registerBusiness(t, 'Link Kirana');
      const added = await t.http.post('/api/v1/accounts').set(business.auth).send({ name: 'Kiran', phone: '9845012398' });
      const owner = (joinCode: string) => t.http.get('/api/v1/join-codes').query({ joinCode });
      expect((await owner(business.joinCode.toLowerCase())).body).toEqual({ businessName: 'Link Kirana', kind: 'join' });
      expect((await owner(added.body.inviteCode)).body).toEqual({ businessName: 'Link Kirana', kind: 'invite' });
      expect((await owner('ZZZZZZZZ')).body.code).toBe('CODE_NOT_FOUND');
      expect((await owner('nope')).status).toBe(400);
    });

    it('an unknown or malformed code', async () => {
      const customer = await registerCustomer(t);
      expect((await t.http.post('/api/v1/accounts/join').set(customer.auth).send({ joinCode: 'ZZZZZZZZ' })).body.code).toBe(
        'CODE_NOT_FOUND',
      );
      expect((await t.http.post('/api/v1/accounts/join').set(customer.auth).send({ joinCode: "' OR 1=1 --" })).status).toBe(400);
    });
  });

  describe('two accounts of one person become one', () => {
    /** A shop, a customer who joined by the join code (with some history), and the account the shop had added for them. */
    async function splitLedger() {
      const { business, customer, accountId: own } = await linkedPair(t, '100');
      const claim = await pendingClaim(t, customer, business.businessId, '40');
      await t.http.post(`/api/v1/payments/${claim}/approve`).set(business.auth).expect(200);
      const added = await t.http
        .post('/api/v1/accounts')
        .set(business.auth)
        .send({ name: 'Rahul (old book)', phone: '9845066666', openingBalance: '900' });
      expect(added.status).toBe(201);
      return { business, customer, own, invited: added.body.id as string, inviteCode: added.body.inviteCode as string, claim };
    }

    it('the customer claims the invite with merge: one account, every entry kept, the other closed at zero', async () => {
      const { business, customer, own, invited, inviteCode, claim } = await splitLedger();
      const preview = await t.http.get('/api/v1/accounts/join-preview').query({ joinCode: inviteCode }).set(customer.auth);
      expect(preview.body).toMatchObject({ kind: 'invite', alreadyLinked: true, canMerge: true });
      const refused = await t.http.post('/api/v1/accounts/join').set(customer.auth).send({ joinCode: inviteCode });
      expect(refused.status).toBe(409);
      expect(refused.body).toMatchObject({ code: 'ALREADY_LINKED', accountId: own, canMerge: true });

      const merged = await t.http.post('/api/v1/accounts/join').set(customer.auth).send({ joinCode: inviteCode, merge: true });
      expect(merged.status).toBe(201);
      expect(merged.body).toMatchObject({
        id: invited,
        customerId: customer.customerId,
        customerName: 'Rahul (old book)', // the shop's name for them, not the one they registered with
        currentBalance: '960.00',
        claimed: true,
        mergedInto: null,
      });
      const list = await t.http.get('/api/v1/accounts').set(customer.auth);
      expect(list.body.items.map((a: { id: string }) => a.id)).toEqual([invited]);

      const closed = await t.http.get(`/api/v1/accounts/${own}`).set(customer.auth);
      expect(closed.body).toMatchObject({ currentBalance: '0.00', mergedInto: invited });
      const ledger = async (id: string) =>
        (await t.http.get(`/api/v1/accounts/${id}/transactions`).set(business.auth)).body.items.map(
          (e: { type: string; amount: string; paymentMethod: string }) => `${e.type} ${e.amount} ${e.paymentMethod}`,
        );
      expect(await ledger(own)).toEqual(['payment 60.00 merge', 'payment 40.00 PhonePe', 'credit 100.00 manual']);
      expect(await ledger(invited)).toEqual(['credit 60.00 merge', 'credit 900.00 manual']);
      // the decided claim and its audit trail stay with their account; new claims go to the merged one
      expect((await t.http.get(`/api/v1/payments/${claim}`).set(customer.auth)).body).toMatchObject({ accountId: own, status: 'approved' });
      const next = await submitClaim(t, customer, { businessId: business.businessId, amount: '10' });
      expect(next.body.accountId).toBe(invited);
      const record = await t.http.post(`/api/v1/accounts/${own}/transactions`).set(business.auth).send({ type: 'credit', amount: '5' });
      expect(record.status).toBe(409);
      expect(record.body.code).toBe('ACCOUNT_MERGED');
      const { rows } = await t.db.query(
        `SELECT into_account_id, from_account_id, moved_balance, actor_role FROM account_merges WHERE from_account_id = $1`,
        [own],
      );
      expect(rows).toEqual([{ into_account_id: invited, from_account_id: own, moved_balance: '60.00', actor_role: 'customer' }]);
    });

    it('a merge waits until no claim of the merged account is waiting for a decision, and changes nothing before', async () => {
      const { business, customer, own, invited, inviteCode } = await splitLedger();
      const waiting = await pendingClaim(t, customer, business.businessId, '7');
      const refused = await t.http.post('/api/v1/accounts/join').set(customer.auth).send({ joinCode: inviteCode, merge: true });
      expect(refused.status).toBe(409);
      expect(refused.body.code).toBe('ACCOUNT_HAS_PENDING_CLAIMS');
      expect((await t.http.get(`/api/v1/accounts/${invited}`).set(business.auth)).body).toMatchObject({
        claimed: false,
        currentBalance: '900.00',
      });
      await t.http.post(`/api/v1/payments/${waiting}/reject`).set(business.auth).send({ reason: 'not received' }).expect(200);
      await t.http.post('/api/v1/accounts/join').set(customer.auth).send({ joinCode: inviteCode, merge: true }).expect(201);
      expect((await t.http.get(`/api/v1/accounts/${own}`).set(business.auth)).body.mergedInto).toBe(invited);
    });

    it('the shop merges two accounts of one person; a login moves to the account that stays', async () => {
      const { business, customer, own, invited } = await splitLedger();
      const res = await t.http.post(`/api/v1/accounts/${invited}/merge`).set(business.auth).send({ fromAccountId: own });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        id: invited,
        currentBalance: '960.00',
        claimed: true,
        customerId: customer.customerId,
        customerName: 'Rahul (old book)', // the login moved here; the shop's name for the person stayed
        inviteCode: null,
      });
      expect((await t.http.get('/api/v1/accounts').set(customer.auth)).body.items.map((a: { id: string }) => a.id)).toEqual([invited]);
      const again = await t.http.post(`/api/v1/accounts/${invited}/merge`).set(business.auth).send({ fromAccountId: own });
      expect(again.body.code).toBe('ACCOUNTS_NOT_MERGEABLE');
      const self = await t.http.post(`/api/v1/accounts/${invited}/merge`).set(business.auth).send({ fromAccountId: invited });
      expect(self.body.code).toBe('ACCOUNTS_NOT_MERGEABLE');
    });

    it('two people, a closed account, another shop or a customer cannot merge', async () => {
      const { business, accountId: first } = await linkedPair(t, '10');
      const second = await registerCustomer(t);
      const joined = await t.http.post('/api/v1/accounts/join').set(second.auth).send({ joinCode: business.joinCode });
      const twoPeople = await t.http.post(`/api/v1/accounts/${first}/merge`).set(business.auth).send({ fromAccountId: joined.body.id });
      expect(twoPeople.body.code).toBe('ACCOUNTS_NOT_MERGEABLE');
      const stranger = await linkedPair(t);
      const foreign = await t.http.post(`/api/v1/accounts/${first}/merge`).set(business.auth).send({ fromAccountId: stranger.accountId });
      expect(foreign.status).toBe(404);
      const asCustomer = await t.http.post(`/api/v1/accounts/${first}/merge`).set(second.auth).send({ fromAccountId: joined.body.id });
      expect(asCustomer.status).toBe(403);
      const bad = await t.http.post(`/api/v1/accounts/${first}/merge`).set(business.auth).send({ fromAccountId: 'nope' });
      expect(bad.status).toBe(400);
    });
  });

  describe('business profile', () => {
    it('the owner renames and changes the UPI ID; a new join code retires the old one', async () => {
      const business = await registerBusiness(t);
      const patched = await t.http
        .patch(`/api/v1/businesses/${business.businessId}`)
        .set(business.auth)
        .send({ name: 'New Name', upiId: 'newname@okaxis' });
      expect(patched.body).toMatchObject({ name: 'New Name', upiId: 'newname@okaxis', joinCode: business.joinCode });
      expect(
        (await t.http.patch(`/api/v1/businesses/${business.businessId}`).set(business.auth).send({ joinCode: 'AAAAAAAA' })).status,
      ).toBe(400);
      const renewed = await t.http.post(`/api/v1/businesses/${business.businessId}/join-code`).set(business.auth);
      expect(renewed.status).toBe(200);
      expect(renewed.body.joinCode).not.toBe(business.joinCode);
      const customer = await registerCustomer(t);
      expect((await t.http.post('/api/v1/accounts/join').set(customer.auth).send({ joinCode: business.joinCode })).status).toBe(404);
      expect((await t.http.post('/api/v1/accounts/join').set(customer.auth).send({ joinCode: renewed.body.joinCode })).status).toBe(201);
    });

    it('a name or UPI ID longer than its column (100 characters) is a 400 and changes nothing', async () => {
      const business = await registerBusiness(t);
      const patch = (body: Record<string, string>) =>
        t.http.patch(`/api/v1/businesses/${business.businessId}`).set(business.auth).send(body);
      expect((await patch({ upiId: `${'a'.repeat(96)}@ybl`, name: '💸'.repeat(100) })).status).toBe(200);
      for (const [body, field] of [
        [{ upiId: `${'a'.repeat(97)}@ybl` }, 'upiId'],
        [{ upiId: `${'a'.repeat(99)}@${'b'.repeat(49)}` }, 'upiId'],
        [{ name: `${'a\uFE0F'.repeat(50)}a` }, 'name'],
      ] as const) {
        const res = await patch(body);
        expect({ field, status: res.status, code: res.body.code }).toEqual({ field, status: 400, code: 'VALIDATION_FAILED' });
        expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual([field]);
      }
      const { rows } = await t.db.query(`SELECT name, upi_id FROM businesses WHERE id = $1`, [business.businessId]);
      expect(rows[0]).toEqual({ name: '💸'.repeat(100), upi_id: `${'a'.repeat(96)}@ybl` });
    });
  });

  describe('lists of accounts', () => {
    it('a business lists its customers with balances, searches and pages', async () => {
      const business = await registerBusiness(t);
      for (const [name, phone] of [
        ['Asha', '9845000001'],
        ['Ashok', '9845000002'],
        ['Bina', '9845000003'],
      ]) {
        await t.http.post('/api/v1/accounts').set(business.auth).send({ name, phone, openingBalance: '10' }).expect(201);
      }
      const all = await t.http.get('/api/v1/accounts').set(business.auth);
      expect(all.body.items.map((a: { customerName: string }) => a.customerName)).toEqual(['Bina', 'Ashok', 'Asha']);
      const ash = await t.http.get('/api/v1/accounts').query({ q: 'ash' }).set(business.auth);
      expect(ash.body.items).toHaveLength(2);
      // A phone as people write it finds the stored +91 form.
      const byPhone = await t.http.get('/api/v1/accounts').query({ q: '+91 98450 00003' }).set(business.auth);
      expect(byPhone.body.items.map((a: { customerName: string }) => a.customerName)).toEqual(['Bina']);
      const page1 = await t.http.get('/api/v1/accounts').query({ limit: 2 }).set(business.auth);
      const page2 = await t.http.get('/api/v1/accounts').query({ limit: 2, cursor: page1.body.nextCursor }).set(business.auth);
      expect([...page1.body.items, ...page2.body.items].map((a: { customerName: string }) => a.customerName)).toEqual([
        'Bina',
        'Ashok',
        'Asha',
      ]);
      expect(page2.body.nextCursor).toBeNull();
    });

    it("a business's search looks at its customers only, never at its own name", async () => {
      const business = await registerBusiness(t, 'Ashirwad Stores');
      for (const [name, phone] of [
        ['Asha', '9845000011'],
        ['Bina', '9845000012'],
      ]) {
        await t.http.post('/api/v1/accounts').set(business.auth).send({ name, phone }).expect(201);
      }
      const byShopName = await t.http.get('/api/v1/accounts').query({ q: 'Ashirwad' }).set(business.auth);
      expect(byShopName.body.items).toEqual([]);
      const ash = await t.http.get('/api/v1/accounts').query({ q: 'ash' }).set(business.auth);
      expect(ash.body.items.map((a: { customerName: string }) => a.customerName)).toEqual(['Asha']);
    });

    it("a customer's search looks at the shops only, never at the customer's own name or phone", async () => {
      const customer = await registerCustomer(t, 'Kiran Rao');
      for (const name of ['Rao Provisions', 'Kiran Medicals', 'Lucky Dairy']) {
        const business = await registerBusiness(t, name);
        await t.http.post('/api/v1/accounts/join').set(customer.auth).send({ joinCode: business.joinCode }).expect(201);
      }
      const names = async (q: string) =>
        (await t.http.get('/api/v1/accounts').query({ q }).set(customer.auth)).body.items.map(
          (a: { businessName: string }) => a.businessName,
        );
      expect(await names('kiran')).toEqual(['Kiran Medicals']);
      expect(await names('rao')).toEqual(['Rao Provisions']);
      expect(await names(customer.phone.slice(-6))).toEqual([]);
    });

    it('a customer lists the businesses they owe', async () => {
      const customer = await registerCustomer(t);
      for (const name of ['Shop One', 'Shop Two']) {
        const business = await registerBusiness(t, name);
        await t.http.post('/api/v1/accounts/join').set(customer.auth).send({ joinCode: business.joinCode }).expect(201);
      }
      const res = await t.http.get('/api/v1/accounts').set(customer.auth);
      expect(res.body.items.map((a: { businessName: string; inviteCode: null }) => a.businessName)).toEqual(['Shop Two', 'Shop One']);
    });
  });

  describe('what a shopkeeper reads in a ledger', () => {
    const entries = async (auth: { Authorization: string }, accountId: string, query: Record<string, string | number> = {}) =>
      (await t.http.get(`/api/v1/accounts/${accountId}/transactions`).query(query).set(auth)).body;

    it('every entry carries its number and the balance right after it, newest first, paged by number', async () => {
      const { business, customer, accountId } = await linkedPair(t);
      for (const [type, amount] of [
        ['credit', '500'],
        ['payment', '120.50'],
        ['credit', '30'],
      ]) {
        await t.http.post(`/api/v1/accounts/${accountId}/transactions`).set(business.auth).send({ type, amount }).expect(201);
      }
      const first = await entries(customer.auth, accountId, { limit: 2 });
      const rest = await entries(customer.auth, accountId, { limit: 2, cursor: first.nextCursor });
      expect([...first.items, ...rest.items].map((e: { entryNo: number; balanceAfter: string }) => [e.entryNo, e.balanceAfter])).toEqual([
        [3, '409.50'],
        [2, '379.50'],
        [1, '500.00'],
      ]);
      expect(rest.nextCursor).toBeNull();
    });

    it('a wrong entry is corrected by a linked entry of the difference, once; nothing is edited', async () => {
      const { business, accountId } = await linkedPair(t);
      const wrong = await t.http
        .post(`/api/v1/accounts/${accountId}/transactions`)
        .set(business.auth)
        .send({ type: 'credit', amount: '500' });
      const correct = (entryId: string, body: Record<string, string>) =>
        t.http.post(`/api/v1/accounts/${accountId}/transactions/${entryId}/corrections`).set(business.auth).send(body);
      const fixed = await correct(wrong.body.transaction.id, { correctAmount: '50' });
      expect(fixed.status).toBe(201);
      expect(fixed.body.transaction).toMatchObject({
        type: 'payment',
        amount: '450.00',
        correctsEntryId: wrong.body.transaction.id,
        balanceAfter: '50.00',
      });
      expect(fixed.body.account.currentBalance).toBe('50.00');
      const ledger = await entries(business.auth, accountId);
      expect(ledger.items.find((e: { id: string }) => e.id === wrong.body.transaction.id)).toMatchObject({
        amount: '500.00',
        correctedBy: fixed.body.transaction.id,
      });
      expect((await correct(wrong.body.transaction.id, { correctAmount: '40' })).body.code).toBe('ENTRY_ALREADY_CORRECTED');
      expect((await correct(fixed.body.transaction.id, { correctAmount: '400' })).body.code).toBe('ENTRY_NOT_CORRECTABLE');
      // more than was recorded: more of the same kind; nothing at all: the whole amount back
      const short = await t.http
        .post(`/api/v1/accounts/${accountId}/transactions`)
        .set(business.auth)
        .send({ type: 'payment', amount: '20' });
      expect((await correct(short.body.transaction.id, { correctAmount: '25' })).body.transaction).toMatchObject({
        type: 'payment',
        amount: '5.00',
      });
      const mistaken = await t.http
        .post(`/api/v1/accounts/${accountId}/transactions`)
        .set(business.auth)
        .send({ type: 'credit', amount: '70' });
      expect((await correct(mistaken.body.transaction.id, { correctAmount: '0' })).body.transaction).toMatchObject({
        type: 'payment',
        amount: '70.00',
      });
      expect((await correct(randomUUID(), { correctAmount: '1' })).body.code).toBe('ENTRY_NOT_FOUND');
    });

    it('a correction must change the amount, an approved claim is reversed elsewhere, and two corrections at once make one', async () => {
      const { business, customer, accountId } = await linkedPair(t, '300');
      const credit = (await entries(business.auth, accountId)).items[0];
      const correct = (entryId: string, body: Record<string, string>) =>
        t.http.post(`/api/v1/accounts/${accountId}/transactions/${entryId}/corrections`).set(business.auth).send(body);
      expect((await correct(credit.id, { correctAmount: '300.00' })).status).toBe(400);
      expect((await correct(credit.id, { correctAmount: '-1' })).status).toBe(400);
      const both = await Promise.all([correct(credit.id, { correctAmount: '200' }), correct(credit.id, { correctAmount: '100' })]);
      expect(both.map((r) => r.status).sort()).toEqual([201, 409]);
      const claim = await pendingClaim(t, customer, business.businessId, '10');
      await t.http.post(`/api/v1/payments/${claim}/approve`).set(business.auth).expect(200);
      const approved = (await entries(business.auth, accountId)).items.find(
        (e: { originalPendingId: string }) => e.originalPendingId === claim,
      );
      expect((await correct(approved.id, { correctAmount: '5' })).body.code).toBe('ENTRY_NOT_CORRECTABLE');
      const stranger = await registerBusiness(t);
      expect(
        (
          await t.http
            .post(`/api/v1/accounts/${accountId}/transactions/${credit.id}/corrections`)
            .set(stranger.auth)
            .send({ correctAmount: '1' })
        ).status,
      ).toBe(404);
    });

    it('an account says what waits for the shop, and since when it has owed', async () => {
      const { business, customer, accountId } = await linkedPair(t);
      const account = async () => (await t.http.get(`/api/v1/accounts/${accountId}`).set(customer.auth)).body;
      expect(await account()).toMatchObject({ pendingTotal: '0.00', dueSince: null });
      await t.http
        .post(`/api/v1/accounts/${accountId}/transactions`)
        .set(business.auth)
        .send({ type: 'credit', amount: '600' })
        .expect(201);
      const owing = await account();
      expect(owing.dueSince).not.toBeNull();
      await t.http.post(`/api/v1/accounts/${accountId}/transactions`).set(business.auth).send({ type: 'credit', amount: '5' }).expect(201);
      expect((await account()).dueSince).toBe(owing.dueSince);
      const claim = await pendingClaim(t, customer, business.businessId, '500');
      await pendingClaim(t, customer, business.businessId, '105.00');
      expect((await account()).pendingTotal).toBe('605.00');
      const approved = await t.http.post(`/api/v1/payments/${claim}/approve`).set(business.auth);
      expect(approved.body.account).toMatchObject({ pendingTotal: '105.00', currentBalance: '105.00', dueSince: owing.dueSince });
      await t.http
        .post(`/api/v1/accounts/${accountId}/transactions`)
        .set(business.auth)
        .send({ type: 'payment', amount: '105' })
        .expect(201);
      expect(await account()).toMatchObject({ currentBalance: '0.00', dueSince: null });
    });

    it('customers sort by the amount owed and by how long it has been owed, page by page', async () => {
      const business = await registerBusiness(t);
      const add = async (name: string, phone: string, openingBalance: string) =>
        (await t.http.post('/api/v1/accounts').set(business.auth).send({ name, phone, openingBalance })).body.id as string;
      await add('Old Debt', '9845100001', '100');
      await add('Advance', '9845100002', '-50');
      await add('Big Debt', '9845100003', '900');
      await add('Settled', '9845100004', '0');
      await add('Mid Debt', '9845100005', '400');
      const names = async (sort: string) => {
        const seen: string[] = [];
        let cursor: string | null = null;
        do {
          const res: { body: { items: { customerName: string }[]; nextCursor: string | null } } = await t.http
            .get('/api/v1/accounts')
            .query({ sort, limit: 2, ...(cursor ? { cursor } : {}) })
            .set(business.auth)
            .expect(200);
          seen.push(...res.body.items.map((a) => a.customerName));
          cursor = res.body.nextCursor;
        } while (cursor);
        return seen;
      };
      expect(await names('owed')).toEqual(['Big Debt', 'Mid Debt', 'Old Debt', 'Settled', 'Advance']);
      const byAge = await names('oldestDue');
      expect(byAge.slice(0, 3)).toEqual(['Old Debt', 'Big Debt', 'Mid Debt']);
      expect(byAge.slice(3).sort()).toEqual(['Advance', 'Settled']);
      expect((await t.http.get('/api/v1/accounts').query({ sort: 'biggest' }).set(business.auth)).status).toBe(400);
    });

    it('the dashboard counts the money received today, this week and this month, corrections included', async () => {
      const { business, customer, accountId } = await linkedPair(t, '1000');
      const entry = async (type: 'payment' | 'credit', amount: string) =>
        (await t.http.post(`/api/v1/accounts/${accountId}/transactions`).set(business.auth).send({ type, amount }).expect(201)).body
          .transaction.id as string;
      const correct = (entryId: string, correctAmount: string) =>
        t.http
          .post(`/api/v1/accounts/${accountId}/transactions/${entryId}/corrections`)
          .set(business.auth)
          .send({ correctAmount })
          .expect(201);
      const cash = await entry('payment', '200');
      const claim = await pendingClaim(t, customer, business.businessId, '300');
      await t.http.post(`/api/v1/payments/${claim}/approve`).set(business.auth).expect(200);
      await correct(cash, '150'); // 50 less was received
      await correct(await entry('payment', '100'), '180'); // 80 more was received
      await correct(await entry('credit', '500'), '100'); // a sale recorded too high: no money moved
      const stats = await t.http.get('/api/v1/payments/stats').set(business.auth);
      expect(stats.body.collected).toEqual({ today: '630.00', thisWeek: '630.00', thisMonth: '630.00' });
      expect(await invariantViolations(t.db)).toEqual({});
    });

    it('a day, a week and a month are those of India, and a week may begin in the month before', async () => {
      const { business, accountId } = await linkedPair(t, '5000');
      // Payments recorded by hand at chosen moments (the ledger's trigger keeps the balance and the running totals).
      const recordAt = (at: string, amount: string) =>
        t.db.query(
          `INSERT INTO transactions (business_id, customer_id, account_id, amount, transaction_type, created_by, created_at)
           SELECT business_id, customer_id, id, $2, 'payment', $3, $4 FROM customer_credits WHERE id = $1`,
          [accountId, amount, business.userId, at],
        );
      const stats = (periods: { day: string; week: string; month: string }) =>
        t.app.get(PaymentsRepository).stats(businessTenant(business.businessId), periods);
      await recordAt('2026-10-28T12:00:00+05:30', '1.00'); // Wednesday 28 October
      await recordAt('2026-10-31T23:59:00+05:30', '2.00'); // Saturday 31 October in India (18:29 UTC)
      await recordAt('2026-11-01T00:01:00+05:30', '4.00'); // Sunday 1 November in India, still 31 October in UTC
      // Sunday 1 November: the week began on Monday 26 October, in the month before.
      expect(await stats({ day: '2026-11-01', week: '2026-10-26', month: '2026-11-01' })).toMatchObject({
        today: '4.00',
        this_week: '7.00',
        this_month: '4.00',
      });
      await recordAt('2026-11-02T09:00:00+05:30', '8.00'); // Monday 2 November
      await recordAt('2026-11-04T23:45:00+05:30', '16.00'); // Wednesday 4 November, late evening
      await recordAt('2026-11-05T00:15:00+05:30', '32.00'); // Thursday 5 November, just after midnight
      // Thursday 5 November: the week began on Monday the 2nd, the month on the 1st.
      expect(await stats({ day: '2026-11-05', week: '2026-11-02', month: '2026-11-01' })).toMatchObject({
        today: '32.00',
        this_week: '56.00',
        this_month: '60.00',
      });
    });
  });

  describe('the ledger', () => {
    it('no entry takes a balance past +-99,999,999.99: a clear 409, and nothing changes', async () => {
      const { business, accountId } = await linkedPair(t, '99999999.00');
      const over = await t.http
        .post(`/api/v1/accounts/${accountId}/transactions`)
        .set(business.auth)
        .send({ type: 'credit', amount: '1.00' });
      expect(over.status).toBe(409);
      expect(over.body).toMatchObject({ code: 'BALANCE_OUT_OF_RANGE', status: 409 });
      expect(over.headers['content-type']).toMatch(/^application\/problem\+json/);
      const upTo = await t.http
        .post(`/api/v1/accounts/${accountId}/transactions`)
        .set(business.auth)
        .send({ type: 'credit', amount: '0.99' });
      expect(upTo.body.account.currentBalance).toBe('99999999.99');
      const ledger = await t.http.get(`/api/v1/accounts/${accountId}/transactions`).set(business.auth);
      expect(ledger.body.items.map((e: { amount: string }) => e.amount)).toEqual(['0.99', '99999999.00']);
      // the same limit the other way: an advance
      const advance = await t.http
        .post('/api/v1/accounts')
        .set(business.auth)
        .send({ name: 'Big Advance', phone: '9845077777', openingBalance: '-99999999.99' });
      expect(advance.body.currentBalance).toBe('-99999999.99');
      const more = await t.http
        .post(`/api/v1/accounts/${advance.body.id}/transactions`)
        .set(business.auth)
        .send({ type: 'payment', amount: '0.01' });
      expect(more.body.code).toBe('BALANCE_OUT_OF_RANGE');
    });

    it('credits raise and payments lower the balance; entries are newest first and paged', async () => {
      const { business, customer, accountId } = await linkedPair(t);
      const entries = [
        ['credit', '350.00', 'Rice 10 kg'],
        ['credit', '120.50', 'Dal'],
        ['payment', '200', 'Cash at counter'],
      ];
      for (const [type, amount, notes] of entries) {
        const res = await t.http.post(`/api/v1/accounts/${accountId}/transactions`).set(business.auth).send({ type, amount, notes });
        expect(res.status).toBe(201);
        expect(res.body.transaction).toMatchObject({
          type,
          notes,
          paymentMethod: 'manual',
          createdBy: business.userId,
          originalPendingId: null,
        });
      }
      const account = await t.http.get(`/api/v1/accounts/${accountId}`).set(customer.auth);
      expect(account.body.currentBalance).toBe('270.50');
      const page = await t.http.get(`/api/v1/accounts/${accountId}/transactions`).query({ limit: 2 }).set(customer.auth);
      expect(page.body.items.map((e: { notes: string }) => e.notes)).toEqual(['Cash at counter', 'Dal']);
      const rest = await t.http
        .get(`/api/v1/accounts/${accountId}/transactions`)
        .query({ limit: 2, cursor: page.body.nextCursor })
        .set(customer.auth);
      expect(rest.body.items.map((e: { notes: string }) => e.notes)).toEqual(['Rice 10 kg']);
    });

    it('a double tap with one Idempotency-Key records one entry', async () => {
      const { business, accountId } = await linkedPair(t);
      const key = randomUUID();
      const send = () =>
        t.http
          .post(`/api/v1/accounts/${accountId}/transactions`)
          .set(business.auth)
          .set('Idempotency-Key', key)
          .send({ type: 'credit', amount: '99' });
      const [a, b] = await Promise.all([send(), send()]);
      expect([a.status, b.status]).toEqual([201, 201]);
      expect(a.body.transaction.id).toBe(b.body.transaction.id);
      const { rows } = await t.db.query(`SELECT count(*)::int AS n FROM transactions WHERE account_id = $1`, [accountId]);
      expect(rows[0].n).toBe(1);
    });

    it.each([
      { type: 'refund', amount: '1' },
      { type: 'credit', amount: '0' },
      { type: 'credit', amount: 5 },
      { type: 'credit', amount: '1', notes: 'x'.repeat(501) },
      { type: 'credit', amount: '1', createdBy: 'me' },
    ])('refuses %j with 400 and records nothing', async (body) => {
      const { business, accountId } = await linkedPair(t);
      const res = await t.http.post(`/api/v1/accounts/${accountId}/transactions`).set(business.auth).send(body);
      expect(res.status).toBe(400);
      const { rows } = await t.db.query(`SELECT count(*)::int AS n FROM transactions WHERE account_id = $1`, [accountId]);
      expect(rows[0].n).toBe(0);
    });

    it('an approved claim appears in the ledger as a PhonePe payment', async () => {
      const { business, customer, accountId } = await linkedPair(t, '50');
      const id = await pendingClaim(t, customer, business.businessId, '20');
      await t.http.post(`/api/v1/payments/${id}/approve`).set(business.auth).expect(200);
      const ledger = await t.http.get(`/api/v1/accounts/${accountId}/transactions`).set(business.auth);
      expect(ledger.body.items[0]).toMatchObject({
        type: 'payment',
        amount: '20.00',
        paymentMethod: 'PhonePe',
        originalPendingId: id,
        approvedAt: expect.any(String),
      });
    });
  });
});
