import { expect, test, type Browser, type Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { DEMO, expectAccessible, expectLive, logIn } from './support';

/**
 * Every main page at a 360 px phone (dark theme) and a desktop (light theme): nothing wider than the screen,
 * no serious or critical axe violation, and a screenshot of each: in e2e/results/screenshots, or in SCREENSHOTS_DIR
 * (`npm run screenshots` sets it to docs/screenshots, the README's pictures; a test run never rewrites those).
 */
const SHOTS = process.env.SCREENSHOTS_DIR ?? join(import.meta.dirname, 'results/screenshots');
mkdirSync(SHOTS, { recursive: true });

const SIZES = {
  phone: { viewport: { width: 360, height: 740 }, colorScheme: 'dark' as const },
  desktop: { viewport: { width: 1280, height: 800 }, colorScheme: 'light' as const },
};
type Size = keyof typeof SIZES;

async function check(page: Page, size: Size, name: string) {
  if (size === 'phone') {
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow, `${name} is wider than a 360 px screen`).toBeLessThanOrEqual(0);
    // every tab of the main navigation is on screen, whole, and big enough to tap
    const width = page.viewportSize()!.width;
    for (const tab of await page.getByRole('navigation', { name: 'Main' }).getByRole('link').all()) {
      const box = (await tab.boundingBox())!;
      const label = await tab.innerText();
      expect(box.x, `${name}: tab ${label} starts off screen`).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width, `${name}: tab ${label} is cut at the right edge`).toBeLessThanOrEqual(width);
      expect(box.height, `${name}: tab ${label} is under 44 px high`).toBeGreaterThanOrEqual(44);
      expect(await tab.evaluate((a) => a.scrollWidth <= a.clientWidth), `${name}: the label of tab ${label} is clipped`).toBe(true);
    }
  }
  await expectAccessible(page, `${name} (${size})`);
  await page.screenshot({ path: join(SHOTS, `${name}-${size}.png`), fullPage: size === 'desktop' });
}

async function open(browser: Browser, size: Size) {
  const context = await browser.newContext(SIZES[size]);
  return { context, page: await context.newPage() };
}

for (const size of Object.keys(SIZES) as Size[]) {
  test(`public pages (${size})`, async ({ browser }) => {
    const { context, page } = await open(browser, size);
    await page.goto('/login');
    await expect(page.getByRole('heading', { name: 'Log in to Khata Pay' })).toBeVisible();
    await check(page, size, 'login');
    await page.getByRole('link', { name: 'Create an account' }).click();
    await page.getByRole('radio', { name: 'A shop owner' }).check();
    await expect(page.getByLabel('UPI ID')).toBeVisible();
    await check(page, size, 'register');
    await context.close();
  });

  test(`customer pages (${size})`, async ({ browser }) => {
    const { context, page } = await open(browser, size);
    await logIn(page, DEMO.customer, DEMO.password);
    await expect(page.getByRole('link', { name: /Sharma Kirana Store/ })).toContainText('You owe');
    await expectLive(page);
    await check(page, size, 'customer-accounts');

    await page.getByRole('link', { name: /Sharma Kirana Store/ }).click();
    await expect(page.getByRole('heading', { name: 'Your payment claims' })).toBeVisible();
    await expect(page.getByRole('listitem').filter({ hasText: 'Atta 10 kg' })).toBeVisible();
    await page.getByRole('button', { name: 'Pay via PhonePe' }).click();
    await expect(page.getByText('sharmakirana@ybl')).toBeVisible();
    await check(page, size, 'customer-pay');

    await page.getByRole('link', { name: 'My payments' }).click();
    await expect(page.getByText('November dues').first()).toBeVisible();
    await check(page, size, 'customer-payments');

    await page.getByRole('link', { name: 'Join a shop' }).click();
    await expect(page.getByLabel('Join code')).toBeVisible();
    await check(page, size, 'customer-join');
    await context.close();
  });

  test(`business pages (${size})`, async ({ browser }) => {
    const { context, page } = await open(browser, size);
    await logIn(page, DEMO.business, DEMO.password);
    await expect(page.getByRole('link', { name: /Pending payments/ })).toContainText('to check');
    await expect(page.getByRole('region', { name: 'Your join code' })).toBeVisible();
    await expect(page.getByRole('region', { name: 'Recent activity' }).getByText('Asha Verma').first()).toBeVisible();
    await expectLive(page);
    await check(page, size, 'business-dashboard');

    await page.getByRole('link', { name: /Pending payments/ }).click();
    const first = page.getByRole('listitem').filter({ hasText: 'November dues' }).first();
    await expect(first.getByRole('button', { name: /Approve/ })).toBeVisible();
    await check(page, size, 'business-pending');
    await first.getByRole('button', { name: /Reject/ }).click();
    await expect(page.getByRole('dialog', { name: 'Reject this payment?' })).toBeVisible();
    await check(page, size, 'business-reject-dialog');
    await page.keyboard.press('Escape');
    await first.getByRole('button', { name: /Approve/ }).click();
    await expect(page.getByRole('dialog', { name: 'Approve this payment?' })).toBeVisible();
    await expectAccessible(page, `approve dialog (${size})`);
    await page.keyboard.press('Escape');

    await page.getByRole('link', { name: 'Customers' }).click();
    await expect(page.getByRole('link', { name: /Meena Iyer/ })).toContainText('not joined yet');
    await check(page, size, 'business-customers');
    await page.getByRole('link', { name: /Asha Verma/ }).click();
    await expect(page.getByRole('listitem').filter({ hasText: 'Cash at counter' })).toBeVisible();
    await check(page, size, 'business-customer-ledger');

    await page.getByRole('link', { name: 'History' }).click();
    const row = page.getByRole('listitem').filter({ hasText: 'Part payment' }).first();
    await row.getByRole('button', { name: 'Audit trail' }).click();
    await expect(row).toContainText('Claim submitted by the customer');
    await check(page, size, 'business-history');
    await context.close();
  });

  test(`counter poster (${size})`, async ({ browser }) => {
    const { context, page } = await open(browser, size);
    await logIn(page, DEMO.business, DEMO.password);
    await page.getByRole('link', { name: 'Counter poster' }).click();
    await expect(page.getByRole('article', { name: 'Poster' }).getByRole('img')).toHaveCount(2);
    await check(page, size, 'business-poster');
    await context.close();
  });
}
