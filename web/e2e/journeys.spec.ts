import { randomUUID } from 'node:crypto';
import { expect, test, type Page } from '@playwright/test';
import { auth, claim, expectTappable, link, logIn, newBusiness, newCustomer, newPhone, PASSWORD, SCREENS } from './support';

/**
 * A newcomer's way in (a shop's join link, an invite, joining again) and what happens when something is wrong (a
 * refused field, a link that names nothing, a deep link before logging in), on a phone and a desktop.
 */

/** Nothing on the page speaks the API's language: no field names, no validator text. */
async function expectNoRawFieldText(page: Page) {
  const text = await page.locator('body').innerText();
  expect(text).not.toMatch(/\b(phone|upiId|businessName|accountId|joinCode|openingBalance) must\b|must be a UUID|UPI ID must be|with Owes/);
}

for (const screen of SCREENS) {
  test.describe(screen.name, () => {
    test.use(screen.use);

    test('a join link opened logged out: Create account naming the shop, join, and the link again opens the shop', async ({
      page,
      request,
    }) => {
      const shop = await newBusiness(request, 'Link Kirana');
      await page.goto(`/join?code=${shop.joinCode}`);
      // A newcomer's page (not "Log in"), naming the shop as well as the code.
      await expect(page.getByRole('heading', { name: 'Create your Khata Pay account' })).toBeVisible();
      await expect(page.getByText(`Create your account to join Link Kirana with code ${shop.joinCode}`)).toBeVisible();
      await expect(page.getByRole('radio', { name: 'A customer' })).toBeChecked();
      await page.getByLabel('Your name').fill('Ritu Das');
      await page.getByLabel('Phone number').fill(newPhone());
      await page.getByLabel('Password').fill(PASSWORD);
      await page.getByRole('button', { name: 'Create account' }).click();

      await expect(page.getByRole('heading', { name: 'Join a shop' })).toBeVisible();
      await expect(page.getByText('This is the code of Link Kirana.')).toBeVisible();
      // The hint gives the real lengths of both kinds of code (from the contract's patterns).
      await expect(page.getByLabel('Join code')).toHaveAccessibleDescription(
        "A shop's code has 8 letters and digits; the code a shop made for your account has 10.",
      );
      await page.getByRole('button', { name: 'Join', exact: true }).click();
      await expect(page.getByRole('heading', { name: 'Link Kirana' })).toBeVisible();

      // The same link again: the way into that shop, not a red error.
      await page.goto(`/join?code=${shop.joinCode}`);
      await expect(page.getByText('You already have an account with Link Kirana.')).toBeVisible();
      const open = page.getByRole('link', { name: 'Open Link Kirana' });
      await expect(open).toBeVisible();
      await expect(page.getByRole('alert')).toHaveCount(0);
      await expect(page.getByRole('button', { name: 'Join', exact: true })).toHaveCount(0);
      await expectTappable(open, '"Open Link Kirana"');
      await open.click();
      await expect(page.getByRole('heading', { name: 'Link Kirana' })).toBeVisible();
      await expect(page).toHaveURL(/\/accounts\/[0-9a-f-]{36}$/);
    });

    test('"Join a shop" is the main call with no shop; "Join another shop" only once there is one', async ({ page, request }) => {
      const customer = await newCustomer(request);
      await logIn(page, customer.phone);
      const main = page.getByRole('main');
      await expect(main.getByText('You are not connected to any shop yet.')).toBeVisible();
      await expect(main.getByRole('link', { name: 'Join a shop' })).toBeVisible();
      await expect(page.getByRole('link', { name: 'Join another shop' })).toHaveCount(0);

      const shop = await newBusiness(request, 'Second Step Store');
      await link(request, shop, customer, '0');
      await page.reload();
      await expect(main.getByRole('link', { name: /Second Step Store/ })).toBeVisible();
      await expect(main.getByRole('link', { name: 'Join another shop' })).toBeVisible();
      await expect(main.getByRole('link', { name: 'Join a shop' })).toHaveCount(0);
    });

    test("an invited customer joins: the shop's name for them stays the shop's, whatever name they signed up with", async ({
      page,
      browser,
      request,
    }) => {
      test.slow(); // a customer registers and joins, then the shop logs in
      const shop = await newBusiness(request, 'Invite Traders');
      const added = await request.post('/api/v1/accounts', {
        headers: auth(shop),
        data: { name: 'Rahul (Tuesday milk)', phone: newPhone(), openingBalance: '300' },
      });
      expect(added.status()).toBe(201);
      const { inviteCode } = await added.json();

      await page.goto(`/join?code=${inviteCode}`);
      await expect(page.getByText(`Create your account to join Invite Traders with code ${inviteCode}`)).toBeVisible();
      await page.getByLabel('Your name').fill('Rahul Gupta');
      await page.getByLabel('Phone number').fill(newPhone());
      await page.getByLabel('Password').fill(PASSWORD);
      await page.getByRole('button', { name: 'Create account' }).click();
      await expect(page.getByText('Invite Traders added you as Rahul (Tuesday milk)')).toBeVisible();
      await page.getByRole('button', { name: 'Join', exact: true }).click();
      await expect(page.getByRole('heading', { name: 'Invite Traders' })).toBeVisible();
      await expect(page.getByRole('region', { name: 'Balance' })).toContainText('₹300.00');

      const owner = await browser.newContext(screen.use);
      const shopPage = await owner.newPage();
      await logIn(shopPage, shop.phone);
      await shopPage.getByRole('link', { name: 'Customers', exact: true }).first().click();
      await expect(shopPage.getByRole('link', { name: /Rahul \(Tuesday milk\)/ })).toBeVisible();
      await expect(shopPage.getByText('Rahul Gupta')).toHaveCount(0);
      await owner.close();
    });

    test('register: a refused field is marked and explained beside itself, in words', async ({ page, request }) => {
      await page.goto('/register');
      await expectTappable(page.getByRole('link', { name: 'Log in' }), '"Log in"');
      await page.getByRole('radio', { name: 'A shop owner' }).check();
      await page.getByLabel('Your name').fill('Vikram Gupta');
      await page.getByLabel('Phone number').fill('12345');
      await page.getByLabel('Password').fill(PASSWORD);
      await page.getByLabel('Shop name').fill('Field Test Store');
      await page.getByLabel('UPI ID').fill('not a upi id');
      await page.getByRole('button', { name: 'Create account' }).click();
      const phone = page.getByLabel('Phone number');
      await expect(phone).toHaveAttribute('aria-invalid', 'true');
      await expect(phone).toHaveAccessibleDescription(/Enter a 10-digit mobile number, like 98765 43210\./);
      const upi = page.getByLabel('UPI ID');
      await expect(upi).toHaveAttribute('aria-invalid', 'true');
      await expect(upi).toHaveAccessibleDescription(/Enter the UPI ID customers pay to, like sharmakirana@ybl/);
      await expect(page.getByLabel('Your name')).not.toHaveAttribute('aria-invalid', 'true');
      await expect(page.getByLabel('Shop name')).not.toHaveAttribute('aria-invalid', 'true');
      await expectNoRawFieldText(page);

      // A phone already registered is the phone field's fault too.
      const taken = await newCustomer(request);
      await page.getByLabel('Phone number').fill(taken.phone);
      await page.getByLabel('UPI ID').fill('fieldtest@ybl');
      await page.getByRole('button', { name: 'Create account' }).click();
      await expect(phone).toHaveAccessibleDescription(/already registered/);
      await expect(upi).not.toHaveAttribute('aria-invalid', 'true');
    });

    test('login: a malformed phone number is marked and explained beside the field', async ({ page }) => {
      await page.goto('/login');
      await expectTappable(page.getByRole('link', { name: 'Create an account' }), '"Create an account"');
      await page.getByLabel('Phone number').fill('123');
      await page.getByLabel('Password').fill(PASSWORD);
      await page.getByRole('button', { name: 'Log in' }).click();
      await expect(page.getByLabel('Phone number')).toHaveAttribute('aria-invalid', 'true');
      await expect(page.getByLabel('Phone number')).toHaveAccessibleDescription(/Enter a 10-digit mobile number/);
      await expectNoRawFieldText(page);
    });

    test('add customer: a phone already on the list is the phone field’s fault; the result reads as a sentence', async ({
      page,
      request,
    }) => {
      const shop = await newBusiness(request, 'Form Words Store');
      const existing = newPhone();
      await request.post('/api/v1/accounts', { headers: auth(shop), data: { name: 'Asha Verma', phone: existing } });
      await logIn(page, shop.phone);
      await page.goto('/customers');
      await page.getByRole('button', { name: 'Add customer' }).click();
      const dialog = page.getByRole('dialog', { name: 'Add a customer' });
      await dialog.getByLabel('Name').fill('Asha again');
      await dialog.getByLabel('Phone number').fill(existing);
      await dialog.getByRole('button', { name: 'Add customer' }).click();
      await expect(dialog.getByLabel('Phone number')).toHaveAttribute('aria-invalid', 'true');
      await expect(dialog.getByLabel('Phone number')).toHaveAccessibleDescription(
        'A customer with this phone number is already on your list.',
      );
      await dialog.getByLabel('Phone number').fill(newPhone());
      await dialog.getByRole('button', { name: 'Add customer' }).click();
      // What the shop is told after adding reads as a sentence.
      await expect(page.getByRole('dialog', { name: 'Customer added' })).toContainText('Asha again is on your list. Nothing is owed yet.');
      await expectNoRawFieldText(page);
    });

    test('a join code that matches nothing is the code field’s fault', async ({ page, request }) => {
      const customer = await newCustomer(request);
      await logIn(page, customer.phone);
      await page.goto('/join');
      await page.getByLabel('Join code').fill('ZZZZZZZZ');
      const code = page.getByLabel('Join code');
      await expect(code).toHaveAttribute('aria-invalid', 'true');
      await expect(code).toHaveAccessibleDescription(/No shop has that code\. Check the code and try again\./);
    });

    test('a shop’s link that names nothing is a friendly not-found page with the way home; so is an unknown path', async ({
      page,
      request,
    }) => {
      test.slow(); // five pages opened by their address
      const shop = await newBusiness(request, 'Lost Link Store');
      await logIn(page, shop.phone);
      for (const id of ['not-a-uuid', randomUUID()]) {
        await page.goto(`/customers/${id}`);
        await expect(page.getByRole('heading', { name: 'This customer was not found' })).toBeVisible();
        await expect(page.getByRole('button', { name: 'Try again' })).toHaveCount(0);
        await expectNoRawFieldText(page);
      }
      await page.goto('/no-such-page');
      await expect(page.getByRole('heading', { name: 'Page not found' })).toBeVisible();
      await expect(page.getByRole('link', { name: /Pending payments/ })).toHaveCount(0); // not the dashboard
      const home = page.getByRole('link', { name: 'Go to the dashboard' });
      await expectTappable(home, '"Go to the dashboard"');
      await home.click();
      await expect(page.getByRole('link', { name: /Pending payments/ })).toBeVisible();
    });

    test('a customer’s link to an account that is not there: not found, with the way to their accounts', async ({ page, request }) => {
      test.slow(); // three pages opened by their address
      const customer = await newCustomer(request);
      await logIn(page, customer.phone);
      for (const id of ['12345', randomUUID()]) {
        await page.goto(`/accounts/${id}`);
        await expect(page.getByRole('heading', { name: 'This account was not found' })).toBeVisible();
        await expect(page.getByRole('button', { name: 'Try again' })).toHaveCount(0);
        await expectNoRawFieldText(page);
      }
      await page.getByRole('link', { name: 'Go to my accounts' }).click();
      await expect(page.getByRole('heading', { name: 'My accounts' })).toBeVisible();
    });

    test('logging in from a deep link lands on the page asked for', async ({ page, request }) => {
      const shop = await newBusiness(request, 'Deep Link Store');
      const customer = await newCustomer(request, 'Kavita Rao');
      const accountId = await link(request, shop, customer, '750');
      await page.goto(`/customers/${accountId}`);
      await expect(page).toHaveURL(/\/login\?next=/);
      await page.getByLabel('Phone number').fill(shop.phone);
      await page.getByLabel('Password').fill(PASSWORD);
      await page.getByRole('button', { name: 'Log in' }).click();
      await expect(page.getByRole('heading', { name: 'Kavita Rao' })).toBeVisible();
      await expect(page).toHaveURL(new RegExp(`/customers/${accountId}$`));
    });

    test('the page to go to after logging in is never another site', async ({ page, request }) => {
      test.slow(); // two logins
      const shop = await newBusiness(request, 'No Redirect Store');
      for (const next of ['https://evil.example/', '//evil.example/x']) {
        await page.goto(`/login?next=${encodeURIComponent(next)}`);
        await page.getByLabel('Phone number').fill(shop.phone);
        await page.getByLabel('Password').fill(PASSWORD);
        await page.getByRole('button', { name: 'Log in' }).click();
        await expect(page.getByRole('button', { name: 'Log out' })).toBeVisible(); // logged in, and gone where it goes
        expect(new URL(page.url()).pathname).toBe('/');
        expect(new URL(page.url()).host).toBe(new URL(await page.evaluate(() => window.location.origin)).host);
        await page.getByRole('button', { name: 'Log out' }).click();
      }
    });

    test("history's filter is in the address: reload, back and forward keep it", async ({ page, request }) => {
      const shop = await newBusiness(request, 'Filter Store');
      const customer = await newCustomer(request);
      await link(request, shop, customer, '1000');
      const rejected = await claim(request, customer, shop.businessId, '100', 'Wrong day');
      const reject = await request.post(`/api/v1/payments/${rejected}/reject`, { headers: auth(shop), data: { reason: 'not received' } });
      expect(reject.status(), await reject.text()).toBe(200);
      await claim(request, customer, shop.businessId, '200', 'Still waiting');

      await logIn(page, shop.phone);
      await page.getByRole('link', { name: 'History' }).first().click();
      await expect(page.getByText('Still waiting')).toBeVisible();
      await page.getByRole('button', { name: 'Rejected' }).click();
      await expect(page).toHaveURL(/\/history\?status=rejected$/);
      await expect(page.getByText('Wrong day')).toBeVisible();
      await expect(page.getByText('Still waiting')).toHaveCount(0);
      await page.reload();
      await expect(page.getByRole('button', { name: 'Rejected' })).toHaveAttribute('aria-pressed', 'true');
      await expect(page.getByText('Still waiting')).toHaveCount(0);
      await page.goBack();
      await expect(page.getByRole('button', { name: 'All' })).toHaveAttribute('aria-pressed', 'true');
      await expect(page.getByText('Still waiting')).toBeVisible();
      await page.goForward();
      await expect(page.getByRole('button', { name: 'Rejected' })).toHaveAttribute('aria-pressed', 'true');
      await expect(page.getByText('Still waiting')).toHaveCount(0);
    });

    test('"← Customers" and "All payments" are big enough to tap', async ({ page, request }) => {
      const shop = await newBusiness(request, 'Tap Store');
      const customer = await newCustomer(request, 'Tara Nair');
      const accountId = await link(request, shop, customer, '100');
      await logIn(page, shop.phone);
      await expectTappable(page.getByRole('link', { name: 'All payments' }), '"All payments"');
      await page.goto(`/customers/${accountId}`);
      await expect(page.getByRole('heading', { name: 'Tara Nair' })).toBeVisible();
      await expectTappable(page.getByRole('link', { name: '← Customers' }), '"← Customers"');
    });

    test('"← My accounts" is big enough to tap', async ({ page, request }) => {
      const shop = await newBusiness(request, 'Tap Store');
      const customer = await newCustomer(request, 'Tara Nair');
      const accountId = await link(request, shop, customer, '100');
      await logIn(page, customer.phone);
      await page.goto(`/accounts/${accountId}`);
      await expect(page.getByRole('heading', { name: 'Tap Store' })).toBeVisible();
      await expectTappable(page.getByRole('link', { name: '← My accounts' }), '"← My accounts"');
    });
  });
}
