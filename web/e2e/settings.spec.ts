import { expect, test, type Page } from '@playwright/test';
import { auth, expectNoOverflow, expectTappable, link, logIn, newBusiness, newCustomer, newPhone, PASSWORD, SCREENS } from './support';

/** A page that loads (its code, GET /me) on a machine shared by many test runs: a bound, not a timing assertion. */
const LOAD = 30_000;
const CODE = /^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/;

async function openSettings(page: Page) {
  const tab = page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' });
  // The phone's tab bar is tapped; the desktop's header tabs are clicked with a mouse.
  if ((page.viewportSize()?.width ?? 0) < 600) await expectTappable(tab, 'the Settings tab');
  await tab.click();
  await expect(page.getByRole('heading', { name: 'Settings', level: 1 })).toBeVisible({ timeout: LOAD });
}

for (const screen of SCREENS) {
  test.describe(screen.name, () => {
    test.use(screen.use);
    // Long journeys (three argon2 password checks each) on a shared machine.
    test.slow();

    test('a new shop saves its recovery codes, then edits the shop, changes the password, makes new codes and logs out everywhere', async ({
      page,
    }) => {
      const phone = newPhone();
      await page.goto('/register');
      await page.getByRole('radio', { name: 'A shop owner' }).check();
      await page.getByLabel('Your name').fill('Meena Iyer');
      await page.getByLabel('Phone number').fill(phone);
      await page.getByLabel('Password').fill(PASSWORD);
      await page.getByLabel('Shop name').fill('Iyer Provisions');
      await page.getByLabel('UPI ID').fill('iyerprov@ybl');
      await page.getByRole('button', { name: 'Create account' }).click();

      // Shown once, before the app: eight codes, copy and download, and "I saved them" before going on.
      await expect(page.getByRole('heading', { name: 'Save your recovery codes' })).toBeVisible();
      const codes = await page.getByRole('list', { name: 'Your recovery codes' }).getByRole('listitem').allTextContents();
      expect(codes).toHaveLength(8);
      for (const code of codes) expect(code).toMatch(CODE);
      await expectTappable(page.getByRole('button', { name: 'Copy codes' }), 'Copy codes');
      const saved = page.waitForEvent('download');
      await page.getByRole('button', { name: 'Download codes' }).click();
      expect((await saved).suggestedFilename()).toBe('khata-pay-recovery-codes.txt');
      await expect(page.getByRole('button', { name: 'Continue' })).toBeDisabled();
      await page.getByLabel('I saved my recovery codes').check();
      await expectNoOverflow(page, 'the recovery codes');
      await page.getByRole('button', { name: 'Continue' }).click();
      await expect(page.getByRole('heading', { name: 'Iyer Provisions' })).toBeVisible({ timeout: LOAD });

      await openSettings(page);
      await expect(page.getByLabel('Shop name')).toHaveValue('Iyer Provisions');
      await expect(page.getByLabel('UPI ID')).toHaveValue('iyerprov@ybl');
      await expectNoOverflow(page, 'settings');

      // A wrong UPI ID is marked at the field, with words a shopkeeper reads.
      await page.getByLabel('UPI ID').fill('iyer provisions');
      await page.getByRole('button', { name: 'Save shop details' }).click();
      await expect(page.getByLabel('UPI ID')).toHaveAttribute('aria-invalid', 'true');
      await expect(page.getByText('Enter a UPI ID like shopname@ybl')).toBeVisible();
      await page.getByLabel('UPI ID').fill('iyerstores@okaxis');
      await page.getByLabel('Shop name').fill('Iyer Stores');
      await page.getByRole('button', { name: 'Save shop details' }).click();
      await expect(page.getByText('Shop details saved.')).toBeVisible();
      await page.reload();
      await expect(page.getByLabel('UPI ID')).toHaveValue('iyerstores@okaxis', { timeout: LOAD });

      // Password: a wrong current one is said beside it; the right one keeps this session going.
      await page.getByLabel('Current password').fill('not my password');
      await page.getByLabel('New password').fill('a new long passphrase');
      await page.getByRole('button', { name: 'Change password' }).click();
      await expect(page.getByLabel('Current password')).toHaveAttribute('aria-invalid', 'true');
      await expect(page.getByText('That is not your current password.')).toBeVisible();
      await page.getByLabel('Current password').fill(PASSWORD);
      await page.getByRole('button', { name: 'Change password' }).click();
      await expect(page.getByText('Password changed.')).toBeVisible();
      await page.reload();
      await expect(page.getByRole('heading', { name: 'Settings', level: 1 })).toBeVisible({ timeout: LOAD });

      // New recovery codes, with the (new) password.
      await page.getByLabel('Your password').fill('a new long passphrase');
      await page.getByRole('button', { name: 'Make new recovery codes' }).click();
      const fresh = await page.getByRole('list', { name: 'Your recovery codes' }).getByRole('listitem').allTextContents();
      expect(fresh).toHaveLength(8);
      expect(fresh.some((c) => codes.includes(c))).toBe(false);
      await page.getByLabel('I saved my recovery codes').check();
      await page.getByRole('button', { name: 'Done' }).click();

      const everywhere = page.getByRole('button', { name: 'Log out everywhere' });
      await expect(page.getByText('keeps working for at most 15 minutes')).toBeVisible();
      await expectTappable(everywhere, 'Log out everywhere');
      await everywhere.click();
      await expect(page.getByRole('heading', { name: 'Log in to Khata Pay' })).toBeVisible({ timeout: LOAD });
      await expect(page.getByText('You logged out everywhere.')).toBeVisible();
      await logIn(page, phone, 'a new long passphrase');
    });

    test('a customer gets back in with a recovery code, downloads their data and closes the account', async ({ page, request }) => {
      const shop = await newBusiness(request, 'Code Kirana');
      const phone = newPhone();
      const registered = await request.post('/api/v1/auth/register', {
        data: { role: 'customer', name: 'Kavya Rao', phone, password: PASSWORD },
      });
      const { recoveryCodes, accessToken } = await registered.json();
      await link(request, shop, { phone, name: 'Kavya Rao', token: accessToken }, '1250.50');

      await page.goto('/login');
      const forgot = page.getByRole('link', { name: 'Forgot password?' });
      await expectTappable(forgot, 'Forgot password?');
      await forgot.click();
      await page.getByLabel('Phone number').fill(phone);
      await page.getByLabel('Recovery code').fill('AAAA-BBBB-CCCC');
      await page.getByLabel('New password').fill('kavya new passphrase');
      await page.getByRole('button', { name: 'Set new password' }).click();
      await expect(page.getByRole('alert')).toContainText('That phone number and recovery code do not match');
      await expect(page.getByLabel('Recovery code')).toHaveAttribute('aria-invalid', 'true');
      await page.getByLabel('Recovery code').fill(recoveryCodes[0].toLowerCase());
      await page.getByRole('button', { name: 'Set new password' }).click();
      await expect(page.getByRole('button', { name: 'Log out' })).toBeVisible({ timeout: LOAD });
      expect((await request.get('/api/v1/me', { headers: auth({ token: accessToken }) })).status()).toBe(200); // a short-lived token runs out by itself

      await openSettings(page);
      await expect(page.getByLabel('Shop name')).toHaveCount(0);
      for (const format of ['JSON', 'CSV'] as const) {
        const file = page.waitForEvent('download');
        await page.getByRole('button', { name: `Download (${format})` }).click();
        expect((await file).suggestedFilename()).toMatch(new RegExp(`^khata-pay-data-\\d{4}-\\d{2}-\\d{2}\\.${format.toLowerCase()}$`));
      }

      await page.getByRole('button', { name: 'Close my account…' }).click();
      const dialog = page.getByRole('dialog', { name: 'Close your account?' });
      await dialog.getByLabel('Your password').fill('not it');
      await dialog.getByRole('button', { name: 'Close account' }).click();
      await expect(dialog.getByText('That is not your current password.')).toBeVisible();
      await dialog.getByLabel('Your password').fill('kavya new passphrase');
      await expectNoOverflow(page, 'the close dialog');
      await dialog.getByRole('button', { name: 'Close account' }).click();
      await expect(page.getByText('Your account is closed.')).toBeVisible({ timeout: LOAD });

      const again = await request.post('/api/v1/auth/login', { data: { phone, password: 'kavya new passphrase' } });
      expect(again.status()).toBe(401);
      const accounts = await (await request.get('/api/v1/accounts', { headers: auth(shop) })).json();
      expect(accounts.items[0]).toMatchObject({
        customerName: expect.stringMatching(/^Closed account [0-9A-F]{4}$/),
        currentBalance: '1250.50',
      });
    });

    test('a shop with money still owed cannot close: it is told why', async ({ browser, request }) => {
      const shop = await newBusiness(request, 'Open Books Store');
      await link(request, shop, await newCustomer(request), '300');
      const context = await browser.newContext(screen.use);
      const page = await context.newPage();
      await logIn(page, shop.phone);
      await openSettings(page);
      await page.getByRole('button', { name: 'Close my account…' }).click();
      const dialog = page.getByRole('dialog', { name: 'Close your account?' });
      await dialog.getByLabel('Your password').fill(PASSWORD);
      await dialog.getByRole('button', { name: 'Close account' }).click();
      await expect(dialog.getByRole('alert')).toContainText('Your shop still has customers who owe money');
      await expectTappable(dialog.getByRole('button', { name: 'Keep my account' }), 'Keep my account');
      await context.close();
    });
  });
}
