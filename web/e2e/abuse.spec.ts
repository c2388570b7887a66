import { expect, test, type Page } from '@playwright/test';
import { link, loggedInPage, logIn, newBusiness, newCustomer, PASSWORD } from './support';

/** Answers the matching API call with a 429 as the API gives it: a problem, and the wait in `Retry-After`. */
async function rateLimit(page: Page, method: string, path: RegExp, seconds: number) {
  await page.route(path, (route) =>
    route.request().method() === method
      ? route.fulfill({
          status: 429,
          headers: { 'content-type': 'application/problem+json', 'retry-after': String(seconds) },
          body: JSON.stringify({
            type: 'urn:khata-pay:problem:RATE_LIMITED',
            title: 'Too many attempts; try again later',
            status: 429,
            detail: `Too many attempts; try again in ${seconds} s`,
            code: 'RATE_LIMITED',
          }),
        })
      : route.fallback(),
  );
}

test('every form that can be refused for too many tries says how long to wait', async ({ browser, request }) => {
  const context = await browser.newContext({ viewport: { width: 390, height: 800 } });
  const page = await context.newPage();
  await rateLimit(page, 'POST', /\/api\/v1\/auth\/login$/, 892);
  await page.goto('/login');
  await page.getByLabel('Phone number').fill('9876500002');
  await page.getByLabel('Password').fill('a wrong guess');
  await page.getByRole('button', { name: 'Log in' }).click();
  await expect(page.getByRole('alert')).toHaveText('Too many tries. Try again in 15 minutes.');

  await rateLimit(page, 'POST', /\/api\/v1\/auth\/register$/, 3600);
  await page.goto('/register');
  await page.getByLabel('Your name').fill('Ritu Das');
  await page.getByLabel('Phone number').fill('9876512345');
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page.getByRole('alert')).toHaveText('Too many tries. Try again in 1 hour.');
  await context.close();

  const shop = await newBusiness(request, 'Wait Kirana');
  const customer = await newCustomer(request);
  const { context: signedIn, page: app } = await loggedInPage(browser, customer.phone, { width: 390 });
  await rateLimit(app, 'GET', /\/api\/v1\/accounts\/join-preview/, 40);
  await rateLimit(app, 'POST', /\/api\/v1\/accounts\/join$/, 125);
  await app.goto('/join');
  await app.getByLabel('Join code').fill(shop.joinCode);
  await expect(app.getByRole('alert')).toHaveText('Too many tries. Try again in 40 seconds.');
  await app.getByRole('button', { name: 'Join', exact: true }).click();
  await expect(app.getByRole('alert')).toHaveText('Too many tries. Try again in 3 minutes.');

  await app.unrouteAll();
  await link(request, shop, customer, '500');
  await rateLimit(app, 'POST', /\/api\/v1\/payments$/, 1800);
  await app.goto('/');
  await app.getByRole('link', { name: /Wait Kirana/ }).click();
  await app.getByRole('button', { name: 'Pay via PhonePe' }).click();
  await app.getByRole('button', { name: /send claim/ }).click();
  await expect(app.getByRole('alert')).toHaveText('Too many tries. Try again in 30 minutes.');
  await signedIn.close();
});

test('after wrong passwords, the owner is told at the next login; the device remembers itself', async ({ browser, request }) => {
  const customer = await newCustomer(request, 'Kavya Rao');
  for (const guess of ['password1', 'asha@123'])
    expect((await request.post('/api/v1/auth/login', { data: { phone: customer.phone, password: guess } })).status()).toBe(401);

  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const loginRequest = page.waitForRequest((r) => r.url().endsWith('/api/v1/auth/login'));
  await logIn(page, customer.phone);
  expect((await loginRequest).postDataJSON().deviceToken).toBeUndefined(); // a new browser has none yet
  await expect(page.getByRole('alert')).toContainText('2 failed attempts to log in to your account since today');
  await expect(page.getByRole('alert')).toContainText('If that was not you, someone tried to guess your password');
  await page.reload();
  await expect(page.getByRole('alert')).toContainText('2 failed attempts');
  await page.getByRole('button', { name: 'Got it' }).click();
  await expect(page.getByRole('alert')).toHaveCount(0);

  const device = await page.evaluate(() => window.localStorage.getItem('khata-pay.device'));
  expect(device).toMatch(/^[A-Za-z0-9_-]{43}$/);
  await page.getByRole('button', { name: 'Log out' }).click();
  const again = page.waitForRequest((r) => r.url().endsWith('/api/v1/auth/login'));
  await logIn(page, customer.phone);
  expect((await again).postDataJSON().deviceToken).toBe(device);
  await expect(page.getByText(/failed attempt/)).toHaveCount(0);
  await context.close();
});
