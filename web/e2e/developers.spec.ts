import { expect as baseExpect, test } from '@playwright/test';
import { expectNoOverflow, expectTappable, newBusiness, PASSWORD, SCREENS } from './support';

const expect = baseExpect.configure({ timeout: 30_000 });

/** The owner's Developers page: make an API key (shown once, copied), see it listed with its last use, revoke it. */
for (const screen of SCREENS) {
  test.describe(screen.name, () => {
    test.use({ ...screen.use, permissions: ['clipboard-read', 'clipboard-write'] });

    test('API keys: make one, copy it once, see its last use, revoke it', async ({ page, request }) => {
      // One long journey, two screens in parallel, on a small shared machine: bounds, not timing assertions.
      test.setTimeout(240_000);
      const shop = await newBusiness(request, 'Keys Kirana');
      // As support's logIn, with this spec's longer bound.
      await page.goto('/login');
      await page.getByLabel('Phone number').fill(shop.phone);
      await page.getByLabel('Password').fill(PASSWORD);
      await page.getByRole('button', { name: 'Log in' }).click();
      await expect(page.getByRole('button', { name: 'Log out' })).toBeVisible();
      const phone = screen.use.viewport.width < 600;

      const toDevelopers = page.getByRole('link', { name: 'Developers: API keys and webhooks for your software' });
      await expect(toDevelopers).toBeVisible();
      // At the end of the dashboard, as a person scrolls to it (clear of a phone's tab bar).
      await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
      await expectTappable(toDevelopers, 'the Developers link');
      if (!phone) await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Developers' })).toBeVisible();
      await toDevelopers.click();
      await expect(page.getByRole('heading', { name: 'Developers', level: 1 })).toBeVisible();
      await expect(page.getByText('No API keys yet.')).toBeVisible();

      const newKey = page.getByRole('button', { name: 'New API key' });
      await expectTappable(newKey, 'New API key');
      await newKey.click();
      const dialog = page.getByRole('dialog', { name: 'New API key' });
      await dialog.getByLabel('Name').fill('Tally sync');
      await dialog.getByRole('button', { name: 'Make key' }).click();
      await expect(dialog.getByRole('alert')).toHaveText('Tick at least one permission.');
      const seePayments = dialog.getByRole('checkbox', { name: /See payments/ });
      await expectTappable(dialog.locator('label', { hasText: 'See payments' }), 'a permission');
      await seePayments.check();
      await dialog.getByRole('checkbox', { name: /Approve and reject payments/ }).check();
      if (phone) await expectNoOverflow(page, 'the new key dialog');
      await dialog.getByRole('button', { name: 'Make key' }).click();

      const shown = page.getByRole('dialog', { name: 'Your new API key' });
      await expect(shown.getByRole('alert')).toHaveText('Copy this key now. You will not be able to see it again.');
      const key = await shown.getByLabel('API key “Tally sync”').inputValue();
      expect(key).toMatch(/^kp_[A-Za-z0-9_-]{43}$/);
      await shown.getByRole('button', { name: 'Copy key' }).click();
      await expect(shown.getByRole('status')).toHaveText('Copied');
      expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(key);
      if (phone) await expectNoOverflow(page, 'the new key');
      await shown.getByRole('button', { name: 'I have copied it' }).click();

      // The key works as the shop, and its use shows.
      const used = await request.get('/api/v1/payments/stats', { headers: { 'X-Api-Key': key } });
      expect(used.status()).toBe(200);
      await page.reload();
      const item = page.getByRole('listitem', { name: 'Tally sync' });
      await expect(item).toContainText(`${key.slice(0, 11)}…`);
      await expect(item).toContainText('See payments');
      await expect(item).toContainText('Approve and reject payments');
      await expect(item).toContainText('Last used Today');
      await expect(item).not.toContainText(key);
      if (phone) await expectNoOverflow(page, 'the API keys list');

      const revoke = item.getByRole('button', { name: 'Revoke Tally sync' });
      await expectTappable(revoke, 'Revoke');
      await revoke.click();
      const confirm = page.getByRole('dialog', { name: 'Revoke this API key?' });
      await expect(confirm).toContainText('stops working at once');
      await confirm.getByRole('button', { name: 'Revoke key' }).click();
      await expect(item).toContainText('Revoked Today');
      await expect(item.getByRole('button', { name: 'Revoke Tally sync' })).toHaveCount(0);
      const refused = await request.get('/api/v1/payments/stats', { headers: { 'X-Api-Key': key } });
      expect(refused.status()).toBe(401);
      expect((await refused.json()).code).toBe('API_KEY_INVALID');
    });
  });
}
