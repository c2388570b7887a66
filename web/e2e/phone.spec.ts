import { expect, test, type APIRequestContext, type Locator, type Page } from '@playwright/test';
import { randomInt, randomUUID } from 'node:crypto';
import { auth, claim, expectLive, expectNoOverflow, link, logIn, newBusiness, newCustomer, SCREENS, type Actor } from './support';

/**
 * A shop's first week on a phone (issue 10): the tab bar never hides the end of a page, an action offline says it
 * is waiting, large amounts fit, amounts are typed as Indians type them, UPI's realities, and decisions that are
 * hard to get wrong. Every journey at a 360 px phone and on a desktop.
 */

function row(page: Page, text: string) {
  return page.getByRole('listitem').filter({ hasText: text });
}

/** A claim with a UTR (the support helper's claims have none). */
async function claimWithUtr(api: APIRequestContext, customer: Actor, businessId: string, amount: string, notes: string) {
  const response = await api.post('/api/v1/payments', {
    headers: { ...auth(customer), 'Idempotency-Key': randomUUID() },
    data: { businessId, amount, notes, utr: `4${String(randomInt(0, 100_000_000_000)).padStart(11, '0')}` },
  });
  expect(response.status(), await response.text()).toBe(201);
}

/** What a finger lands on at the middle of `target` is `target` itself (nothing fixed lies over it). */
async function expectOnTop(target: Locator, what: string) {
  await expect(target).toBeInViewport();
  const hit = await target.evaluate((el) => {
    const r = el.getBoundingClientRect();
    const top = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
    return top === el || el.contains(top) ? 'itself' : `${top?.tagName} "${top?.textContent?.trim().slice(0, 40)}"`;
  });
  expect(hit, `a tap on ${what} lands on something else`).toBe('itself');
}

async function scrollToEnd(page: Page) {
  await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
  await expect
    .poll(() => page.evaluate(() => Math.ceil(window.scrollY + window.innerHeight) >= document.documentElement.scrollHeight))
    .toBe(true);
}

/** The right edge of `inner` is inside `outer`'s (the card's) box. */
async function expectWithin(inner: Locator, outer: Locator, what: string) {
  const a = (await inner.boundingBox())!;
  const b = (await outer.boundingBox())!;
  expect(a.x, `${what} starts left of its card`).toBeGreaterThanOrEqual(b.x);
  expect(a.x + a.width, `${what} runs past its card's edge`).toBeLessThanOrEqual(b.x + b.width + 0.5);
}

const PHONE_390 = { name: 'phone (390 × 844)', use: { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true } } as const;

for (const screen of [...SCREENS, PHONE_390]) {
  test.describe(screen.name, () => {
    test.use(screen.use);

    test('the end of a page scrolls clear of the tab bar: the dashboard’s last buttons take the tap', async ({ page, request }) => {
      const shop = await newBusiness(request, 'Tab Bar Traders');
      await logIn(page, shop.phone);
      const share = page.getByRole('button', { name: 'Share link' });
      const newCode = page.getByRole('button', { name: 'New code' });
      await expect(newCode).toBeVisible();
      await scrollToEnd(page);
      await expectOnTop(share, '"Share link"');
      await expectOnTop(newCode, '"New code"');
      await newCode.click();
      await expect(page.getByRole('dialog', { name: 'Make a new join code?' })).toBeVisible();
    });
  });
}

for (const screen of SCREENS) {
  test.describe(screen.name, () => {
    test.use(screen.use);

    test('offline, an approval and an entry say they are waiting for the connection, and "Live" turns "Offline"', async ({
      page,
      context,
      request,
    }) => {
      const shop = await newBusiness(request, 'Offline Stores');
      const customer = await newCustomer(request, 'Farah Khan');
      const accountId = await link(request, shop, customer, '1000');
      await claimWithUtr(request, customer, shop.businessId, '300', 'Sent while the shop was offline');
      await logIn(page, shop.phone);
      await page.getByRole('link', { name: 'Pending', exact: true }).click();
      await expectLive(page);

      await context.setOffline(true);
      await expect(page.getByText('Offline', { exact: true })).toBeVisible();
      await expect(page.getByText('Live', { exact: true })).toBeHidden();
      await row(page, 'Sent while the shop was offline').getByRole('button', { name: 'Approve ₹300.00 from Farah Khan' }).click();
      const dialog = page.getByRole('dialog', { name: 'Approve this payment?' });
      await dialog.getByRole('button', { name: 'Approve ₹300.00' }).click();
      await expect(dialog.getByRole('status')).toContainText('No connection: waiting to send this.');

      // Back online: it goes through by itself, once, and "Live" is true again.
      await context.setOffline(false);
      await expect(dialog).toBeHidden();
      await expect(row(page, 'Sent while the shop was offline')).toContainText('You approved this payment.');
      await expectLive(page);

      await page.getByRole('link', { name: 'Customers' }).click();
      await page.getByRole('link', { name: /Farah Khan/ }).click();
      await expect(page.getByRole('region', { name: 'Balance' })).toContainText('Owes ₹700.00');
      await context.setOffline(true);
      await page.getByLabel('Amount (₹)').fill('1,000');
      await page.getByRole('button', { name: 'Add credit' }).click();
      await expect(page.getByRole('status').filter({ hasText: 'No connection' })).toContainText('It goes through by itself');
      await context.setOffline(false);
      await expect(page.getByRole('region', { name: 'Balance' })).toContainText('Owes ₹1,700.00');
      const entries = await request.get(`/api/v1/accounts/${accountId}/transactions`, { headers: auth(shop) });
      // Recorded once, as 1000.00 from "1,000" (beside the opening credit the test began with).
      const items = (await entries.json()).items as { type: string; amount: string; notes: string | null }[];
      expect(items.filter((e) => e.type === 'credit').map((e) => [e.amount, e.notes])).toEqual([
        ['1000.00', null],
        ['1000.00', 'Monthly groceries'],
      ]);
    });

    test('a large amount fits a 360 px card; the pay box splits it at the UPI limit and opens PhonePe itself', async ({
      page,
      request,
    }) => {
      const shop = await newBusiness(request, 'Lakshmi Wholesale');
      const customer = await newCustomer(request, 'Ravi Kumar');
      await link(request, shop, customer, '125350.50');
      await logIn(page, customer.phone);
      await page.getByRole('link', { name: /Lakshmi Wholesale/ }).click();

      const balance = page.getByRole('region', { name: 'Balance' });
      await expect(balance.getByText('You owe ₹1,25,350.50')).toBeVisible();
      await expectWithin(balance.getByText('You owe ₹1,25,350.50'), balance, '"You owe ₹1,25,350.50"');
      await expectWithin(balance.getByRole('button', { name: 'Pay via PhonePe' }), balance, '"Pay via PhonePe"');
      await expectNoOverflow(page, 'the account with ₹1,25,350.50 owed');

      await balance.getByRole('button', { name: 'Pay via PhonePe' }).click();
      const pay = page.getByRole('region', { name: 'Pay via PhonePe' });
      const query = (am: string) =>
        `pay?pa=shop${shop.phone}@ybl&pn=Lakshmi%20Wholesale&am=${am}&cu=INR&tn=Khata%3A%20Ravi%20Kumar%20to%20Lakshmi%20Wholesale`;
      await expect(pay.getByRole('link', { name: 'Open PhonePe to pay ₹1,25,350.50' })).toHaveAttribute(
        'href',
        `phonepe://${query('125350.50')}`,
      );
      await expect(pay.getByRole('link', { name: 'Another UPI app' })).toHaveAttribute('href', `upi://${query('125350.50')}`);
      const limit = pay.getByRole('note');
      await expect(limit).toContainText(
        'UPI apps usually take at most ₹1,00,000.00 in one payment, so ₹1,25,350.50 may be refused. Pay ₹1,00,000.00 now and the rest, ₹25,350.50, in a second payment.',
      );
      await expectNoOverflow(page, 'the pay box with ₹1,25,350.50');
      await expectWithin(pay.getByRole('link', { name: /Open PhonePe/ }), pay, '"Open PhonePe to pay ₹1,25,350.50"');

      await limit.getByRole('button', { name: 'Pay ₹1,00,000.00 now' }).click();
      await expect(pay.getByLabel('Amount to pay (₹)')).toHaveValue('100000.00');
      await expect(pay.getByRole('note')).toHaveCount(0);
      await expect(pay.getByRole('link', { name: 'Open PhonePe to pay ₹1,00,000.00' })).toHaveAttribute(
        'href',
        `phonepe://${query('100000.00')}`,
      );

      // As people type it: Indian grouping is read; a malformed amount says why and takes the link and QR away.
      await pay.getByLabel('Amount to pay (₹)').fill('1,25,000');
      await expect(pay.getByRole('link', { name: 'Open PhonePe to pay ₹1,25,000.00' })).toHaveAttribute(
        'href',
        `phonepe://${query('125000.00')}`,
      );
      await expect(pay.getByRole('button', { name: 'Pay the rest: ₹25,000.00' })).toBeVisible();
      await pay.getByLabel('Amount to pay (₹)').fill('1,2,3');
      await expect(pay.getByRole('alert')).toContainText('The commas are in the wrong place');
      await expect(pay.getByLabel('Amount to pay (₹)')).toHaveAttribute('aria-invalid', 'true');
      await expect(pay.getByRole('link', { name: /Open PhonePe|Another UPI app/ })).toHaveCount(0);
      await expect(pay.getByRole('img', { name: /QR code to pay/ })).toHaveCount(0);
      await pay.getByLabel('Amount to pay (₹)').fill('500.505');
      await expect(pay.getByRole('alert')).toContainText('At most two decimals');

      // The claim: the UTR hint warns off PhonePe's "T…" id, and "1,000" reaches the API as 1000.
      await pay.getByLabel('Amount to pay (₹)').fill('1,000');
      await expect(pay.getByLabel('Amount paid (₹)')).toHaveValue('1,000');
      await expect(pay.getByText('not the transaction ID that starts with T')).toBeVisible();
      await pay.getByLabel('UTR (optional)').fill('T2411271234567890123456');
      await pay.getByRole('button', { name: 'I have paid: send claim' }).click();
      await expect(pay.getByRole('alert')).toContainText('That is PhonePe’s transaction ID (it starts with T)');
      await pay.getByLabel('UTR (optional)').fill('412345678901');
      await pay.getByLabel('Notes (optional)').fill('First part');
      await pay.getByRole('button', { name: 'I have paid: send claim' }).click();
      await expect(pay).toBeHidden();
      await expect(row(page, 'First part')).toContainText('₹1,000.00');
    });

    test('the shop types amounts with commas, and an advance as a choice, not a minus sign', async ({ page, request }) => {
      const shop = await newBusiness(request, 'Comma Kirana');
      await logIn(page, shop.phone);
      await page.getByRole('link', { name: 'Customers' }).click();
      await page.getByRole('button', { name: 'Add customer' }).click();
      const dialog = page.getByRole('dialog', { name: 'Add a customer' });
      await dialog.getByLabel('Name').fill('Suresh Patil');
      await dialog.getByLabel('Phone number').fill(`9${String(randomInt(0, 1_000_000_000)).padStart(9, '0')}`);
      await dialog.getByLabel('Opening balance (₹, optional)').fill('1,2,3');
      await dialog.getByRole('button', { name: 'Add customer' }).click();
      await expect(dialog.getByRole('alert')).toContainText('The commas are in the wrong place');
      await dialog.getByLabel('Opening balance (₹, optional)').fill('1,25,000');
      await expect(dialog.getByRole('radio', { name: 'They owe me' })).toBeChecked();
      await dialog.getByRole('radio', { name: 'Paid in advance' }).check();
      await dialog.getByRole('button', { name: 'Add customer' }).click();
      await page.getByRole('dialog', { name: 'Customer added' }).getByRole('button', { name: 'Done' }).click();
      await expect(page.getByRole('link', { name: /Suresh Patil/ })).toContainText('Advance ₹1,25,000.00');

      await page.getByRole('link', { name: /Suresh Patil/ }).click();
      const amount = page.getByLabel('Amount (₹)');
      for (const [typed, why] of [
        ['0', 'The amount must be more than zero.'],
        ['250.505', 'At most two decimals (paise), like 250.50.'],
        ['-50', 'The amount must be more than zero (no minus sign).'],
      ]) {
        await amount.fill(typed);
        await page.getByRole('button', { name: 'Add credit' }).click();
        await expect(page.getByRole('alert')).toHaveText(why);
        await expect(amount).toHaveAttribute('aria-invalid', 'true');
      }
      await amount.fill('1,000');
      await page.getByRole('button', { name: 'Add credit' }).click();
      await expect(page.getByRole('region', { name: 'Balance' })).toContainText('Advance ₹1,24,000.00');
      await expectNoOverflow(page, 'a customer with a large advance');
    });

    test('decisions: no reason preselected, a claim without UTR asks once more, labels say how much, focus moves on', async ({
      page,
      request,
    }) => {
      const shop = await newBusiness(request, 'Careful Mart');
      const customer = await newCustomer(request, 'Asha Rao');
      await link(request, shop, customer, '5000');
      await claim(request, customer, shop.businessId, '450', 'Cash sent without a UTR');
      await claimWithUtr(request, customer, shop.businessId, '300', 'Sent with a UTR');
      await logIn(page, shop.phone);
      await page.getByRole('link', { name: 'Pending', exact: true }).click();

      // The newest first: "Sent with a UTR", then "Cash sent without a UTR".
      const withUtr = row(page, 'Sent with a UTR');
      const noUtr = row(page, 'Cash sent without a UTR');
      await withUtr.getByRole('button', { name: 'Reject ₹300.00 from Asha Rao' }).click();
      const reject = page.getByRole('dialog', { name: 'Reject this payment?' });
      for (const reason of ['Amount not received', 'Wrong amount', 'Duplicate claim', 'UTR does not match', 'Other'])
        await expect(reject.getByRole('radio', { name: reason })).not.toBeChecked();
      await expect(reject.getByRole('button', { name: 'Reject payment' })).toBeDisabled();
      await expect(reject).toContainText('Up to 500 characters');
      await expect(reject).not.toContainText('/500');
      await reject.getByLabel('Reason').fill('Paid twice');
      await expect(reject).toContainText('10/500 characters');
      await expect(reject.getByRole('button', { name: 'Reject payment' })).toBeEnabled();
      await reject.getByLabel('Reason').fill('');
      await reject.getByRole('radio', { name: 'Duplicate claim' }).check();
      await reject.getByRole('button', { name: 'Reject payment' }).click();
      await expect(reject).toBeHidden();
      await expect(withUtr).toContainText('You rejected this payment.');
      // Focus goes to the next claim still waiting, not to the page's body.
      await expect(noUtr.getByRole('heading', { name: 'Asha Rao' })).toBeFocused();

      await noUtr.getByRole('button', { name: 'Approve ₹450.00 from Asha Rao' }).click();
      const approve = page.getByRole('dialog', { name: 'Approve this payment?' });
      await expect(approve.getByRole('note')).toHaveText('No UTR given: check your PhonePe app for ₹450.00 from Asha Rao first.');
      await expect(approve.getByRole('button', { name: 'Approve ₹450.00' })).toBeDisabled();
      await approve.getByRole('checkbox', { name: 'I found ₹450.00 from Asha Rao in PhonePe' }).check();
      await approve.getByRole('button', { name: 'Approve ₹450.00' }).click();
      await expect(approve).toBeHidden();
      await expect(noUtr).toContainText('You approved this payment.');
      // Nothing else waits: focus goes to the list's heading.
      await expect(page.getByRole('heading', { name: 'Pending payments', level: 1 })).toBeFocused();
    });
  });
}
