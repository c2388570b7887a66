import AxeBuilder from '@axe-core/playwright';
import { randomInt, randomUUID } from 'node:crypto';
import { expect, type APIRequestContext, type Browser, type BrowserContext, type Locator, type Page } from '@playwright/test';

/**
 * Test data is made through the API (fast and independent per test); what a test is about is done through the
 * SPA, by role and visible text, as a person would.
 */
export const PASSWORD = 'khata-test-pass';
export const DEMO = { business: '9876500001', customer: '9876500002', password: 'khata-demo-1' };

/** A fresh 10-digit mobile number (random: unique across workers and runs on the same database). */
export function newPhone(): string {
  return `7${String(randomInt(0, 1_000_000_000)).padStart(9, '0')}`;
}

export interface Actor {
  phone: string;
  name: string;
  token: string;
}

async function registerActor(api: APIRequestContext, body: Record<string, string>): Promise<Actor> {
  const response = await api.post('/api/v1/auth/register', { data: { password: PASSWORD, ...body } });
  expect(response.status(), await response.text()).toBe(201);
  const auth = await response.json();
  return { phone: body.phone, name: body.name, token: auth.accessToken };
}

export async function newBusiness(api: APIRequestContext, shop = 'Gupta General Store') {
  const phone = newPhone();
  const actor = await registerActor(api, { role: 'business', name: 'Vikram Gupta', phone, businessName: shop, upiId: `shop${phone}@ybl` });
  const me = await (await api.get('/api/v1/me', { headers: auth(actor) })).json();
  return { ...actor, businessId: me.business.id as string, joinCode: me.business.joinCode as string, shop };
}

export async function newCustomer(api: APIRequestContext, name = 'Neha Singh') {
  return registerActor(api, { role: 'customer', name, phone: newPhone() });
}

export const auth = (actor: { token: string }) => ({ authorization: `Bearer ${actor.token}` });

/** A customer linked to a business, owing `owes` rupees. Returns the account id. */
export async function link(api: APIRequestContext, business: Actor & { joinCode: string }, customer: Actor, owes = '2000') {
  const joined = await api.post('/api/v1/accounts/join', { headers: auth(customer), data: { joinCode: business.joinCode } });
  expect(joined.status(), await joined.text()).toBe(201);
  const account = await joined.json();
  if (owes !== '0') {
    const credit = await api.post(`/api/v1/accounts/${account.id}/transactions`, {
      headers: auth(business),
      data: { type: 'credit', amount: owes, notes: 'Monthly groceries' },
    });
    expect(credit.status()).toBe(201);
  }
  return account.id as string;
}

export async function claim(api: APIRequestContext, customer: Actor, businessId: string, amount: string, notes: string) {
  const response = await api.post('/api/v1/payments', {
    headers: { ...auth(customer), 'Idempotency-Key': randomUUID() },
    data: { businessId, amount, notes },
  });
  expect(response.status(), await response.text()).toBe(201);
  return (await response.json()).id as string;
}

export async function logIn(page: Page, phone: string, password = PASSWORD) {
  await page.goto('/login');
  await page.getByLabel('Phone number').fill(phone);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Log in' }).click();
  await expect(page.getByRole('button', { name: 'Log out' })).toBeVisible();
}

export async function loggedInPage(
  browser: Browser,
  phone: string,
  options: { password?: string; width?: number } = {},
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: { width: options.width ?? 1280, height: 900 } });
  const page = await context.newPage();
  await logIn(page, phone, options.password);
  return { context, page };
}

/** The live stream is connected: what happens elsewhere from now on shows up without a reload. */
export async function expectLive(page: Page) {
  await expect(page.getByText('Live', { exact: true })).toBeVisible();
}

/** No serious or critical accessibility violation (WCAG 2.1 A and AA rules). */
export async function expectAccessible(page: Page, what: string) {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  const report = bad.map((v) => `${v.id} (${v.impact}): ${v.help}\n  ${v.nodes.map((n) => n.target.join(' ')).join('\n  ')}`).join('\n');
  expect(bad, `${what}: accessibility violations\n${report}`).toEqual([]);
}

export async function approve(api: APIRequestContext, business: Actor, paymentId: string) {
  const response = await api.post(`/api/v1/payments/${paymentId}/approve`, { headers: auth(business) });
  expect(response.status(), await response.text()).toBe(200);
}

/**
 * The two screens every journey is checked on: a 360 px phone and a desktop. A spec runs its journeys on both with
 * `for (const screen of SCREENS) test.describe(screen.name, () => { test.use(screen.use); ... })`.
 */
export const SCREENS = [
  { name: 'phone (360 px)', use: { viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true } },
  { name: 'desktop', use: { viewport: { width: 1280, height: 900 } } },
] as const;

/** A control is big enough to tap: at least 44 × 44 CSS px (WCAG 2.5.5). */
export async function expectTappable(locator: Locator, what: string) {
  const box = await locator.boundingBox();
  expect(box, `${what} is not on screen`).not.toBeNull();
  expect(Math.round(box!.height), `${what} is under 44 px high`).toBeGreaterThanOrEqual(44);
  expect(Math.round(box!.width), `${what} is under 44 px wide`).toBeGreaterThanOrEqual(44);
}

/** Nothing on the page is wider than the screen (no sideways scrolling, nothing cut at the edge). */
export async function expectNoOverflow(page: Page, what: string) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow, `${what} is wider than the screen`).toBeLessThanOrEqual(0);
}
