import { expect, test } from '@playwright/test';
import { approve, auth, claim, link, loggedInPage, newBusiness, newCustomer, newPhone } from './support';

test('the Test payment button makes a pending claim that shows on the dashboard', async ({ browser, request }) => {
  const shop = await newBusiness(request, 'Fresh Shop');
  const { context, page } = await loggedInPage(browser, shop.phone);
  const pendingButton = page.getByRole('link', { name: /Pending payments/ });
  await expect(pendingButton).toContainText('Nothing to check');
  await expect(page.getByText('No payments yet. Share your join code')).toBeVisible();
  await page.getByRole('button', { name: 'Test payment' }).click();
  await expect(pendingButton).toContainText('1');
  await expect(pendingButton).toContainText('to check');
  await expect(page.getByRole('region', { name: 'Recent activity' }).getByText('Test Customer')).toBeVisible();
  await pendingButton.click();
  await expect(page.getByRole('heading', { name: 'Pending payments' })).toBeVisible();
  await expect(
    page
      .getByRole('listitem')
      .filter({ hasText: 'Test Customer' })
      .getByRole('button', { name: /Approve/ }),
  ).toBeVisible();
  await context.close();
});

test('customers: add with an opening balance, see the invite code, record a credit, search', async ({ browser, request }) => {
  const shop = await newBusiness(request, 'Ledger Shop');
  const { context, page } = await loggedInPage(browser, shop.phone, { width: 390 });
  await page.getByRole('link', { name: 'Customers' }).click();
  await expect(page.getByText('No customers yet.')).toBeVisible();
  await page.getByRole('button', { name: 'Add customer' }).click();
  const dialog = page.getByRole('dialog', { name: 'Add a customer' });
  await dialog.getByLabel('Name').fill('Meera Joshi');
  await dialog.getByLabel('Phone number').fill('98765 11111');
  await dialog.getByLabel('Opening balance (₹, optional)').fill('1500');
  await dialog.getByRole('button', { name: 'Add customer' }).click();
  const added = page.getByRole('dialog', { name: 'Customer added' });
  await expect(added).toContainText('Meera Joshi is on your list. They owe ₹1,500.00.');
  await expect(added).toContainText('Ask Meera Joshi to join with this invite code');
  await added.getByRole('button', { name: 'Done' }).click();

  await page.getByRole('button', { name: 'Add customer' }).click();
  await dialog.getByLabel('Name').fill('Arjun Pal');
  await dialog.getByLabel('Phone number').fill('98765 22222');
  await dialog.getByLabel('Opening balance (₹, optional)').fill('200');
  await dialog.getByRole('radio', { name: 'Paid in advance' }).check();
  await dialog.getByRole('button', { name: 'Add customer' }).click();
  await page.getByRole('dialog', { name: 'Customer added' }).getByRole('button', { name: 'Done' }).click();
  await expect(page.getByRole('link', { name: /Arjun Pal/ })).toContainText('Advance ₹200.00');

  await page.getByLabel('Search by name or phone').fill('meera');
  await expect(page.getByRole('link', { name: /Arjun Pal/ })).toHaveCount(0);
  await page.getByRole('link', { name: /Meera Joshi/ }).click();
  await expect(page.getByRole('heading', { name: 'Meera Joshi' })).toBeVisible();
  await page.getByLabel('Amount (₹)').fill('120.50');
  await page.getByLabel('Notes (optional)').fill('Rice 5 kg');
  await page.getByRole('button', { name: 'Add credit' }).click();
  await expect(page.getByRole('region', { name: 'Balance' })).toContainText('Owes ₹1,620.50');
  await expect(page.getByRole('listitem').filter({ hasText: 'Rice 5 kg' })).toContainText('₹120.50');
  await page.getByRole('radio', { name: 'Cash payment received' }).check();
  await page.getByLabel('Amount (₹)').fill('20.50');
  await page.getByRole('button', { name: 'Record payment' }).click();
  await expect(page.getByRole('region', { name: 'Balance' })).toContainText('Owes ₹1,600.00');
  await context.close();
});

test('history filters by status and shows each payment’s audit trail; a new join code replaces the old', async ({ browser, request }) => {
  const shop = await newBusiness(request, 'Audit Shop');
  const customer = await newCustomer(request, 'Sunil Bose');
  await link(request, shop, customer, '800');
  const approvedId = await claim(request, customer, shop.businessId, '300', 'Approved one');
  await approve(request, shop, approvedId);
  await claim(request, customer, shop.businessId, '100', 'Still pending');

  const { context, page } = await loggedInPage(browser, shop.phone);
  await page.getByRole('link', { name: 'History' }).click();
  await expect(page.getByRole('listitem').filter({ hasText: 'Still pending' })).toBeVisible();
  await page.getByRole('button', { name: 'Approved', exact: true }).click();
  await expect(page.getByRole('button', { name: 'Approved', exact: true })).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByRole('listitem').filter({ hasText: 'Still pending' })).toHaveCount(0);
  const approvedRow = page.getByRole('listitem').filter({ hasText: 'Approved one' });
  await approvedRow.getByRole('button', { name: 'Audit trail' }).click();
  await expect(approvedRow).toContainText('Claim submitted by the customer');
  await expect(approvedRow).toContainText('Approved by you');

  await page.getByRole('link', { name: 'Dashboard' }).click();
  await expect(page.getByText(shop.joinCode, { exact: true })).toBeVisible();
  await expect(page.getByText(`/join?code=${shop.joinCode}`)).toBeVisible();
  await page.getByRole('button', { name: 'New code' }).click();
  await page.getByRole('dialog', { name: 'Make a new join code?' }).getByRole('button', { name: 'Make new code' }).click();
  await expect(page.getByText(shop.joinCode, { exact: true })).toHaveCount(0);
  await expect(page.getByRole('region', { name: 'Your join code' }).getByText(/^[A-Z0-9]{8,}$/)).toBeVisible();
  await context.close();
});

test('the shop merges two accounts of one person into one', async ({ browser, request }) => {
  const shop = await newBusiness(request, 'Twice Added Store');
  const phone = newPhone();
  for (const [name, opening] of [
    ['Kavya Menon', '500'],
    ['Kavya M (old)', '250.50'],
  ]) {
    const res = await request.post('/api/v1/accounts', {
      headers: auth(shop),
      data: { name, phone: opening === '500' ? phone : newPhone(), openingBalance: opening },
    });
    expect(res.status()).toBe(201);
  }
  const { context, page } = await loggedInPage(browser, shop.phone, { width: 390 });
  await page.getByRole('link', { name: 'Customers' }).click();
  await page.getByRole('link', { name: /Kavya Menon/ }).click();
  await page.getByRole('button', { name: 'Merge another account into this one…' }).click();
  await page.getByLabel('Find the other account (name or phone)').fill('Kavya');
  await page.getByRole('button', { name: 'Merge Kavya M (old) here' }).click();
  await page.getByRole('dialog', { name: 'Merge these accounts?' }).getByRole('button', { name: 'Merge into one account' }).click();
  await expect(page.getByRole('region', { name: 'Balance' })).toContainText('Owes ₹750.50');
  await page.getByRole('link', { name: '← Customers' }).click();
  await expect(page.getByRole('link', { name: /Kavya/ })).toHaveCount(1);
  await context.close();
});
