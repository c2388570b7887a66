import { expect, test } from '@playwright/test';
import { auth, claim, link, loggedInPage, logIn, newBusiness, newCustomer, newPhone, PASSWORD } from './support';

test('a share link works before logging in: register, then join the shop by its code', async ({ browser, request }) => {
  const shop = await newBusiness(request, 'Link Kirana');
  const context = await browser.newContext({ viewport: { width: 390, height: 800 } });
  const page = await context.newPage();
  await page.goto(`/join?code=${shop.joinCode}`);
  // A join link opens "Create account" (whoever follows a shop's link is most likely new), naming the shop.
  await expect(page.getByText(`Create your account to join Link Kirana with code ${shop.joinCode}`)).toBeVisible();
  await page.getByRole('radio', { name: 'A customer' }).check();
  await page.getByLabel('Your name').fill('Ritu Das');
  await page.getByLabel('Phone number').fill(newPhone());
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Create account' }).click();
  // The recovery codes come first, shown once.
  await expect(page.getByRole('heading', { name: 'Save your recovery codes' })).toBeVisible();
  await page.getByLabel('I saved my recovery codes').check();
  await page.getByRole('button', { name: 'Continue' }).click();

  await expect(page.getByRole('heading', { name: 'Join a shop' })).toBeVisible();
  await expect(page.getByLabel('Join code')).toHaveValue(shop.joinCode);
  // Before joining, the page says whose code it is.
  await expect(page.getByText('This is the code of Link Kirana.')).toBeVisible();
  await page.getByRole('button', { name: 'Join', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Link Kirana' })).toBeVisible();
  await expect(page.getByText('All settled')).toBeVisible();
  await page.getByRole('link', { name: 'My accounts', exact: true }).click();
  await expect(page.getByRole('link', { name: /Link Kirana/ })).toContainText('All settled');
  await context.close();
});

test('join by a typed code; a wrong code is explained', async ({ browser, request }) => {
  const shop = await newBusiness(request, 'Typed Code Traders');
  const customer = await newCustomer(request);
  const { context, page } = await loggedInPage(browser, customer.phone, { width: 390 });
  await expect(page.getByText('You are not connected to any shop yet.')).toBeVisible();
  await page.getByRole('link', { name: 'Join a shop' }).first().click();
  await page.getByLabel('Join code').fill('ZZZZZZZZ');
  await page.getByRole('button', { name: 'Join', exact: true }).click();
  await expect(page.getByRole('alert')).toHaveText('No shop has that code. Check the code and try again.');
  await page.getByLabel('Join code').fill(shop.joinCode.toLowerCase());
  await page.getByRole('button', { name: 'Join', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Typed Code Traders' })).toBeVisible();
  await context.close();
});

test('the customer can cancel a pending claim, and sees balances as owe, advance or settled', async ({ browser, request }) => {
  const owed = await newBusiness(request, 'Owed Store');
  const ahead = await newBusiness(request, 'Advance Store');
  const customer = await newCustomer(request);
  await link(request, owed, customer, '100000');
  const aheadAccount = await link(request, ahead, customer, '0');
  const cash = await request.post(`/api/v1/accounts/${aheadAccount}/transactions`, {
    headers: auth(ahead),
    data: { type: 'payment', amount: '200' },
  });
  expect(cash.status()).toBe(201);
  await claim(request, customer, owed.businessId, '999.50', 'Changed my mind');

  const { context, page } = await loggedInPage(browser, customer.phone, { width: 390 });
  await expect(page.getByRole('link', { name: /Owed Store/ })).toContainText('You owe ₹1,00,000.00');
  await expect(page.getByRole('link', { name: /Advance Store/ })).toContainText('Advance ₹200.00');
  await page.getByRole('link', { name: 'My payments' }).click();
  const claimRow = page.getByRole('listitem').filter({ hasText: 'Changed my mind' });
  await expect(claimRow).toContainText('₹999.50');
  await claimRow.getByRole('button', { name: 'Cancel claim' }).click();
  const dialog = page.getByRole('dialog', { name: 'Cancel this claim?' });
  await dialog.getByRole('button', { name: 'Cancel claim' }).click();
  await expect(dialog).toBeHidden();
  await expect(claimRow.getByText('Cancelled', { exact: true })).toBeVisible();
  await expect(claimRow.getByRole('button', { name: 'Cancel claim' })).toHaveCount(0);
  await context.close();
});

test('an expired access token is refreshed unnoticed, once, even by two tabs at the same moment', async ({ browser, request }) => {
  const shop = await newBusiness(request, 'Refresh Mart');
  const customer = await newCustomer(request);
  await link(request, shop, customer, '500');
  const context = await browser.newContext();
  const first = await context.newPage();
  await logIn(first, customer.phone);
  await expect(first.getByRole('link', { name: /Refresh Mart/ })).toBeVisible();
  const before = await first.evaluate(() => JSON.parse(localStorage.getItem('khata-pay.session')!));

  // The access token stops working (as after 15 minutes); both tabs load at once and get 401s together.
  await first.evaluate(() => {
    const s = JSON.parse(localStorage.getItem('khata-pay.session')!);
    localStorage.setItem('khata-pay.session', JSON.stringify({ ...s, accessToken: 'expired.token.value' }));
  });
  const second = await context.newPage();
  await Promise.all([first.goto('/'), second.goto('/payments')]);
  await expect(first.getByRole('link', { name: /Refresh Mart/ })).toContainText('You owe ₹500.00');
  await expect(second.getByRole('heading', { name: 'My payments' })).toBeVisible();
  await expect(second.getByText('No payments yet.')).toBeVisible();

  const after = await first.evaluate(() => JSON.parse(localStorage.getItem('khata-pay.session')!));
  expect(after.refreshToken).not.toBe(before.refreshToken);
  // Had a spent refresh token been presented, the API would have revoked the session: it still works.
  await second.reload();
  await expect(second.getByText('No payments yet.')).toBeVisible();
  const me = await request.get('/api/v1/me', { headers: { authorization: `Bearer ${after.accessToken}` } });
  expect(me.status()).toBe(200);
  const refreshed = await request.post('/api/v1/auth/refresh', {
    data: { refreshToken: (await first.evaluate(() => JSON.parse(localStorage.getItem('khata-pay.session')!))).refreshToken },
  });
  expect(refreshed.status()).toBe(200);

  // Logging out ends the session on the server too.
  await first.getByRole('button', { name: 'Log out' }).click();
  await expect(first.getByRole('heading', { name: 'Log in to Khata Pay' })).toBeVisible();
  await context.close();
});

test('a customer with two accounts at one shop merges them by the invite code', async ({ browser, request }) => {
  const shop = await newBusiness(request, 'Merge Mart');
  const customer = await newCustomer(request, 'Sunil Rao');
  await link(request, shop, customer, '300');
  const added = await request.post('/api/v1/accounts', {
    headers: auth(shop),
    data: { name: 'Sunil (old book)', phone: newPhone(), openingBalance: '1200' },
  });
  expect(added.status()).toBe(201);
  const invite = (await added.json()).inviteCode as string;

  const { context, page } = await loggedInPage(browser, customer.phone, { width: 390 });
  await page.goto(`/join?code=${invite}`);
  await expect(page.getByText('and you already have an account there')).toBeVisible();
  await page.getByRole('button', { name: 'Merge into one account' }).click();
  await expect(page.getByRole('heading', { name: 'Merge Mart' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Balance' })).toContainText('You owe ₹1,500.00');
  await expect(page.getByRole('listitem').filter({ hasText: 'Accounts merged' })).toContainText('₹300.00');
  await page.getByRole('link', { name: 'My accounts', exact: true }).click();
  await expect(page.getByRole('link', { name: /Merge Mart/ })).toHaveCount(1);
  await context.close();
});
