import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { randomUUID } from 'node:crypto';
import {
  approve,
  auth,
  claim,
  expectNoOverflow,
  expectTappable,
  link,
  logIn,
  newBusiness,
  newCustomer,
  newPhone,
  SCREENS,
  type Actor,
} from './support';

/**
 * The ledger a shopkeeper reads (issue 10): the running balance on every entry, a wrong entry corrected by a linked
 * entry from the ledger itself, customers sorted by what they owe and since when, the money collected, claims
 * waiting beside the balance, a rejected claim sent again, and the counter poster.
 */

async function record(api: APIRequestContext, shop: Actor, accountId: string, type: 'credit' | 'payment', amount: string, notes?: string) {
  const response = await api.post(`/api/v1/accounts/${accountId}/transactions`, {
    headers: { ...auth(shop), 'Idempotency-Key': randomUUID() },
    data: { type, amount, ...(notes ? { notes } : {}) },
  });
  expect(response.status(), await response.text()).toBe(201);
  return (await response.json()).transaction as { id: string; entryNo: number };
}

const entry = (page: Page, text: string | RegExp) =>
  page.getByRole('region', { name: 'Ledger' }).getByRole('listitem').filter({ hasText: text });

for (const screen of SCREENS) {
  test.describe(screen.name, () => {
    test.use(screen.use);
    const phone = screen.name.startsWith('phone');

    test('every entry shows the balance after it; a wrong entry is corrected by a linked entry, never edited', async ({
      page,
      request,
    }) => {
      test.slow(); // a long journey: a shared machine may need more than the default minute
      const shop = await newBusiness(request, 'Correction Kirana');
      const customer = await newCustomer(request, 'Pooja Nair');
      const accountId = await link(request, shop, customer, '2000'); // #1 credit 2000
      const rice = await record(request, shop, accountId, 'credit', '500', 'Rice 50 kg'); // #2 -> 2500
      const cash = await record(request, shop, accountId, 'payment', '300', 'Cash at counter'); // #3 -> 2200
      await approve(request, shop, await claim(request, customer, shop.businessId, '100', 'Via PhonePe')); // #4 -> 2100
      expect([rice.entryNo, cash.entryNo]).toEqual([2, 3]);

      await logIn(page, shop.phone);
      await page.goto(`/customers/${accountId}`);
      await expect(entry(page, 'Rice 50 kg')).toContainText('#2 Credit given');
      await expect(entry(page, 'Rice 50 kg')).toContainText('Balance: owes ₹2,500.00');
      await expect(entry(page, 'Cash at counter')).toContainText('Balance: owes ₹2,200.00');
      await expect(entry(page, 'Paid via PhonePe')).toContainText('Balance: owes ₹2,100.00');
      // An approved claim is not corrected by hand: no action on it.
      await expect(entry(page, 'Paid via PhonePe').getByRole('button')).toHaveCount(0);

      const correct = page.getByRole('button', { name: 'Correct entry #2' });
      if (phone) await expectTappable(correct, 'Correct entry #2');
      await correct.click();
      const dialog = page.getByRole('dialog', { name: 'Correct entry #2' });
      await expect(dialog).toContainText('says ₹500.00');
      await dialog.getByLabel('What it should have said (₹)').fill('500');
      await dialog.getByRole('button', { name: 'Add correction' }).click();
      await expect(dialog.getByRole('alert')).toContainText('already says ₹500.00');
      await dialog.getByLabel('What it should have said (₹)').fill('50');
      await expect(dialog).toContainText('Adds a payment of ₹450.00: the balance goes down by ₹450.00');
      await dialog.getByLabel('Reason (the customer reads it)').fill('Rice was 5 kg, not 50');
      if (phone) await expectNoOverflow(page, 'the correction dialog');
      await dialog.getByRole('button', { name: 'Add correction' }).click();
      await expect(dialog).toBeHidden();

      await expect(page.getByRole('region', { name: 'Balance' })).toContainText('Owes ₹1,650.00');
      const correction = entry(page, 'Rice was 5 kg, not 50');
      await expect(correction).toContainText('#5 Correction');
      await expect(correction).toContainText('Corrects #2');
      await expect(correction).toContainText('− ₹450.00');
      await expect(correction).toContainText('Balance: owes ₹1,650.00');
      await expect(correction.getByRole('button')).toHaveCount(0); // a correction is not corrected again
      // The wrong entry stays as it was, pointing at its correction.
      await expect(entry(page, 'Rice 50 kg')).toContainText('Corrected by #5');
      await expect(entry(page, 'Rice 50 kg')).toContainText('+ ₹500.00');
      await expect(entry(page, 'Rice 50 kg').getByRole('button')).toHaveCount(0);

      // Corrected meanwhile elsewhere (another tab, another phone): the refusal is said in words, and the ledger shows why.
      await page.getByRole('button', { name: 'Correct entry #3' }).click();
      const stale = page.getByRole('dialog', { name: 'Correct entry #3' });
      const elsewhere = await request.post(`/api/v1/accounts/${accountId}/transactions/${cash.id}/corrections`, {
        headers: { ...auth(shop), 'Idempotency-Key': randomUUID() },
        data: { correctAmount: '350' },
      });
      expect(elsewhere.status(), await elsewhere.text()).toBe(201);
      await stale.getByLabel('What it should have said (₹)').fill('250');
      await stale.getByRole('button', { name: 'Add correction' }).click();
      await expect(stale.getByRole('alert')).toHaveText(
        'This entry was already corrected. If it is still wrong, record a new sale or payment for the difference.',
      );
      await expect(stale.getByRole('button', { name: 'Add correction' })).toHaveCount(0);
      await stale.getByRole('button', { name: 'Close' }).click();
      await expect(entry(page, 'Cash at counter')).toContainText('Corrected by #6');
      await expect(entry(page, 'Correction: 300.00 should have been 350')).toContainText('Balance: owes ₹1,600.00');
      await expect(page.getByRole('region', { name: 'Balance' })).toContainText('Owes ₹1,600.00');
      await expectNoOverflow(page, 'the shop’s ledger');
    });

    test('the customer reads the same ledger: numbers, corrections and the running balance in their words', async ({ page, request }) => {
      const shop = await newBusiness(request, 'Khata Readers');
      const customer = await newCustomer(request, 'Ravi Menon');
      const accountId = await link(request, shop, customer, '2000'); // #1 -> 2000
      const rice = await record(request, shop, accountId, 'credit', '500', 'Rice 50 kg'); // #2 -> 2500
      const fixed = await request.post(`/api/v1/accounts/${accountId}/transactions/${rice.id}/corrections`, {
        headers: { ...auth(shop), 'Idempotency-Key': randomUUID() },
        data: { correctAmount: '50', notes: 'Rice was 5 kg, not 50' },
      }); // #3 -> 2050
      expect(fixed.status(), await fixed.text()).toBe(201);
      await record(request, shop, accountId, 'payment', '127400.50', 'Paid ahead'); // #4 -> -125350.50

      await logIn(page, customer.phone);
      await page.goto(`/accounts/${accountId}`);
      await expect(entry(page, 'Rice was 5 kg, not 50')).toContainText('#3 Correction');
      await expect(entry(page, 'Rice was 5 kg, not 50')).toContainText('Corrects #2');
      await expect(entry(page, 'Rice was 5 kg, not 50')).toContainText('Balance: you owe ₹2,050.00');
      await expect(entry(page, 'Rice 50 kg')).toContainText('#2 Bought on credit');
      await expect(entry(page, 'Rice 50 kg')).toContainText('Corrected by #3');
      await expect(entry(page, 'Paid ahead')).toContainText('Balance: ₹1,25,350.50 advance');
      await expect(page.getByRole('region', { name: 'Ledger' }).getByRole('button', { name: /Correct/ })).toHaveCount(0);
      await expectNoOverflow(page, 'the customer’s ledger with a large advance');
    });

    test('customers sort by recent, most owed and owing longest, in the URL, with since when and claims waiting', async ({
      page,
      request,
    }) => {
      test.slow(); // a long journey: a shared machine may need more than the default minute
      const shop = await newBusiness(request, 'Sorting Stores');
      for (const [name, opening] of [
        ['Asha First', '500'],
        ['Bala Most', '3000'],
        ['Chetan Ahead', '-200'],
      ]) {
        const added = await request.post('/api/v1/accounts', {
          headers: auth(shop),
          data: { name, phone: newPhone(), openingBalance: opening },
        });
        expect(added.status(), await added.text()).toBe(201);
      }
      const waiting = await newCustomer(request, 'Dev Waiting');
      await link(request, shop, waiting, '0');
      await claim(request, waiting, shop.businessId, '500', 'UPI this morning');

      await logIn(page, shop.phone);
      await page.getByRole('link', { name: 'Customers' }).click();
      const rows = page.getByRole('main').getByRole('listitem');
      await expect(rows).toHaveCount(4);
      await expect(rows.nth(0)).toContainText('Dev Waiting'); // recent: newest first
      await expect(rows.nth(0)).toContainText('₹500.00 waiting for your approval');
      await expect(rows.filter({ hasText: 'Asha First' })).toContainText('owing since today');
      await expect(rows.filter({ hasText: 'Chetan Ahead' })).not.toContainText('owing since');
      await expect(page.getByRole('button', { name: 'Recent', exact: true })).toHaveAttribute('aria-pressed', 'true');

      const owed = page.getByRole('button', { name: 'Most owed' });
      if (phone) await expectTappable(owed, 'the Most owed sort');
      await owed.click();
      await expect(page).toHaveURL(/\/customers\?sort=owed$/);
      await expect(rows.nth(0)).toContainText('Bala Most');
      await expect(rows.nth(1)).toContainText('Asha First');
      await expect(rows.nth(3)).toContainText('Chetan Ahead');

      await page.getByRole('button', { name: 'Owing longest' }).click();
      await expect(page).toHaveURL(/\/customers\?sort=oldestDue$/);
      await expect(rows.nth(0)).toContainText('Asha First');
      await expect(rows.nth(1)).toContainText('Bala Most');

      // The order is in the URL: a reload (or the link sent to someone) keeps it.
      await page.reload();
      await expect(page.getByRole('button', { name: 'Owing longest' })).toHaveAttribute('aria-pressed', 'true');
      await expect(rows.nth(0)).toContainText('Asha First');
      await expectNoOverflow(page, 'the sorted customers');
      await page.getByRole('button', { name: 'Recent', exact: true }).click();
      await expect(page).toHaveURL(/\/customers$/);
      await expect(rows.nth(0)).toContainText('Dev Waiting');
    });

    test('the dashboard shows the money collected today, this week and this month', async ({ page, request }) => {
      const shop = await newBusiness(request, 'Collection Corner');
      const customer = await newCustomer(request, 'Lata Pillai');
      const accountId = await link(request, shop, customer, '2000');
      await record(request, shop, accountId, 'payment', '300.25', 'Cash');
      await approve(request, shop, await claim(request, customer, shop.businessId, '200', 'PhonePe'));
      await claim(request, customer, shop.businessId, '50', 'Not decided yet'); // pending: not collected

      await logIn(page, shop.phone);
      const collected = page.getByRole('region', { name: 'Money collected' });
      for (const period of ['Today', 'This week', 'This month']) {
        await expect(collected.locator('div').filter({ has: page.getByText(period, { exact: true }) })).toContainText('₹500.25');
      }
      await expectNoOverflow(page, 'the dashboard with collections');
    });

    test('the customer sees claims waiting beside the balance, and sends a rejected claim again, filled in', async ({ page, request }) => {
      const shop = await newBusiness(request, 'Resend Mart');
      const customer = await newCustomer(request, 'Gita Bose');
      const accountId = await link(request, shop, customer, '2000');
      await claim(request, customer, shop.businessId, '500', 'Part payment');
      const rejected = await request.post('/api/v1/payments', {
        headers: { ...auth(customer), 'Idempotency-Key': randomUUID() },
        data: { businessId: shop.businessId, amount: '700', notes: 'November dues', utr: '412345678901' },
      });
      expect(rejected.status()).toBe(201);
      const reject = await request.post(`/api/v1/payments/${(await rejected.json()).id}/reject`, {
        headers: auth(shop),
        data: { reason: 'Amount not received' },
      });
      expect(reject.status(), await reject.text()).toBe(200);

      await logIn(page, customer.phone);
      await expect(page.getByRole('link', { name: /Resend Mart/ })).toContainText('₹500.00 waiting for the shop');
      await page.getByRole('link', { name: 'My payments' }).click();
      const row = page.getByRole('listitem').filter({ hasText: 'November dues' });
      await expect(row).toContainText('Amount not received');
      await expect(page.getByRole('listitem').filter({ hasText: 'Part payment' }).getByRole('link', { name: 'Send again' })).toHaveCount(0);
      const again = row.getByRole('link', { name: 'Send again' });
      if (phone) await expectTappable(again, 'Send again');
      await again.click();

      await expect(page).toHaveURL(new RegExp(`/accounts/${accountId}\\?again=`));
      await expect(page.getByRole('region', { name: 'Balance' })).toContainText('You owe ₹2,000.00');
      await expect(page.getByRole('region', { name: 'Balance' })).toContainText('₹500.00 waiting for the shop');
      const panel = page.getByRole('region', { name: 'Pay via PhonePe' });
      await expect(panel.getByRole('note')).toContainText('which the shop rejected: “Amount not received”');
      await expect(panel.getByRole('note')).toContainText('Paid already? Do not pay again');
      await expect(panel.getByLabel('Amount paid (₹)')).toHaveValue('700.00');
      await expect(panel.getByLabel('Notes (optional)')).toHaveValue('November dues');
      await expect(panel.getByLabel('UTR (optional)')).toHaveValue('');
      await expect(panel).toContainText('The rejected claim said 412345678901');
      if (phone) await expectNoOverflow(page, 'the pay panel sending a claim again');
      await panel.getByLabel('UTR (optional)').fill('412345678902');
      await panel.getByRole('button', { name: 'I have paid: send claim' }).click();
      await expect(panel).toBeHidden();
      await expect(page).toHaveURL(new RegExp(`/accounts/${accountId}$`));
      await expect(page.getByRole('region', { name: 'Balance' })).toContainText('₹1,200.00 waiting for the shop');
      await expect(
        page
          .getByRole('region', { name: 'Your payment claims' })
          .getByRole('listitem')
          .filter({ hasText: 'November dues' })
          .filter({ hasText: /Pending/ }),
      ).toContainText('₹700.00');
    });

    test('a counter poster to print: the shop’s name, its join QR and its UPI QR, without the app around it', async ({ page, request }) => {
      const shop = await newBusiness(request, 'Poster & Sons Kirana');
      await logIn(page, shop.phone);
      const poster = page.getByRole('link', { name: 'Counter poster' });
      if (phone) await expectTappable(poster, 'Counter poster');
      await poster.click();
      await expect(page).toHaveURL(/\/poster$/);
      await expect(page.getByRole('heading', { name: 'Counter poster' })).toBeVisible();
      const sheet = page.getByRole('article', { name: 'Poster' });
      await expect(sheet.getByRole('heading', { name: 'Poster & Sons Kirana' })).toBeVisible();
      await expect(sheet.locator('[data-qr="join"]')).toHaveAttribute('data-value', new RegExp(`/join\\?code=${shop.joinCode}$`));
      await expect(sheet.locator('[data-qr="upi"]')).toHaveAttribute(
        'data-value',
        `upi://pay?pa=shop${shop.phone}@ybl&pn=Poster%20%26%20Sons%20Kirana&cu=INR`,
      );
      await expect(sheet.getByRole('img', { name: 'QR code to join Poster & Sons Kirana on Khata Pay' })).toBeVisible();
      await expect(sheet.getByRole('img', { name: 'QR code to pay Poster & Sons Kirana with any UPI app' })).toBeVisible();
      await expect(sheet).toContainText(shop.joinCode);
      await expect(sheet).toContainText(`shop${shop.phone}@ybl`);
      if (phone) await expectTappable(page.getByRole('button', { name: 'Print poster' }), 'Print poster');
      await expectNoOverflow(page, 'the poster page');

      await page.emulateMedia({ media: 'print' });
      await expect(page.getByRole('navigation', { name: 'Main' })).toBeHidden();
      await expect(page.getByRole('button', { name: 'Log out' })).toBeHidden();
      await expect(page.getByRole('button', { name: 'Print poster' })).toBeHidden();
      await expect(sheet.getByRole('heading', { name: 'Poster & Sons Kirana' })).toBeVisible();
      await expect(sheet.getByRole('img')).toHaveCount(2);

      if (!phone) {
        // Chromium prints it as one page of the chosen paper: A5 (419.5 × 595.3 pt), then A4 (595.3 × 841.9 pt).
        const pdfPages = async () => {
          const pdf = (await page.pdf({ preferCSSPageSize: true })).toString('latin1');
          const boxes = [...pdf.matchAll(/\/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]/g)].map((m) => [Number(m[1]), Number(m[2])]);
          return boxes;
        };
        const a5 = await pdfPages();
        expect(a5).toHaveLength(1);
        expect(Math.abs(a5[0][0] - 419.5)).toBeLessThan(2);
        expect(Math.abs(a5[0][1] - 595.3)).toBeLessThan(2);
        await page.emulateMedia({ media: 'screen' });
        await page.getByRole('radio', { name: 'A4' }).check();
        const a4 = await pdfPages();
        expect(a4).toHaveLength(1);
        expect(Math.abs(a4[0][0] - 595.3)).toBeLessThan(2);
        expect(Math.abs(a4[0][1] - 841.9)).toBeLessThan(2);
      }
    });
  });
}
