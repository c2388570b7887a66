import { expect, test } from '@playwright/test';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { auth, expectNoOverflow, expectTappable, logIn, newBusiness, SCREENS } from './support';

/**
 * A receiver on this machine (the API runs with WEBHOOK_ALLOW_PRIVATE=true for it): records what arrives, answers 200
 * (410 under /gone/: an endpoint that is no more).
 */
const received: { path: string; headers: IncomingHttpHeaders; body: string }[] = [];
let server: Server;
let base = '';

test.beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      received.push({ path: req.url ?? '/', headers: req.headers, body });
      if (req.url?.startsWith('/gone/')) res.writeHead(410).end();
      else res.writeHead(200, { 'content-type': 'text/plain' }).end('thanks from the receiver');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
test.afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

for (const screen of SCREENS) {
  test.describe(screen.name, () => {
    test.use(screen.use);
    // Long journeys (a dozen round trips each, and a delivery): more time on a loaded machine; nothing is timed.
    test.slow();

    test('webhooks: add an endpoint, its secret once, send a test, see the delivery, send it again, rotate, delete', async ({
      page,
      request,
    }) => {
      const shop = await newBusiness(request, 'Hook Shop');
      const path = `/hooks/${shop.phone}`;
      const at = () => received.filter((r) => r.path === path);
      await logIn(page, shop.phone);
      await page.getByRole('link', { name: /^Developers:/ }).click();
      await expect(page.getByRole('heading', { name: 'Developers' })).toBeVisible();
      await expect(page.getByText('No endpoints yet.')).toBeVisible();
      const add = page.getByRole('button', { name: 'Add endpoint' });
      await expectTappable(add, 'Add endpoint');
      await add.click();

      const dialog = page.getByRole('dialog', { name: 'Add a webhook endpoint' });
      await dialog.getByLabel('Endpoint URL').fill(`${base}${path}`);
      const ledger = dialog.getByRole('checkbox', { name: /A ledger entry is recorded/ });
      await ledger.check();
      await expectTappable(dialog.locator('label').filter({ hasText: 'A ledger entry is recorded' }), 'an event checkbox row');
      await dialog.getByRole('button', { name: 'Add endpoint' }).click();

      const added = page.getByRole('dialog', { name: 'Endpoint added' });
      const secret = (await added.getByLabel('Signing secret').textContent())!;
      expect(secret).toMatch(/^whsec_/);
      await expectTappable(added.getByRole('button', { name: 'Copy secret' }), 'Copy secret');
      await expectNoOverflow(page, 'the secret');
      await added.getByRole('button', { name: 'Done' }).click();
      // Shown once: nowhere on the page any more.
      await expect(page.getByText(secret)).toHaveCount(0);

      const card = page.getByRole('listitem', { name: `Endpoint ${base}${path}` });
      await expect(card.getByRole('list', { name: 'Events' })).toContainText('transaction.created');
      const sendTest = card.getByRole('button', { name: 'Send test event' });
      await expectTappable(sendTest, 'Send test event');
      await sendTest.click();
      const deliveries = card.getByRole('list', { name: 'Deliveries' });
      await expect(deliveries.getByRole('listitem').first()).toContainText('Delivered');
      await expect(deliveries).toContainText('HTTP 200');
      await expect(deliveries).toContainText('thanks from the receiver');
      expect(at()).toHaveLength(1);
      expect(JSON.parse(at()[0]!.body).type).toBe('webhook.test');
      const messageId = at()[0]!.headers['webhook-id'];

      await deliveries.getByRole('button', { name: 'Send again' }).click();
      await expect(deliveries).toContainText('2 attempts');
      expect(at().map((r) => r.headers['webhook-id'])).toEqual([messageId, messageId]);

      await card.getByRole('button', { name: 'Rotate secret' }).click();
      const rotated = page.getByRole('dialog', { name: 'New signing secret' });
      await expect(rotated).toContainText('the old secret signs too');
      expect(await rotated.getByLabel('Signing secret').textContent()).not.toBe(secret);
      await rotated.getByRole('button', { name: 'Done' }).click();
      await expectNoOverflow(page, 'the webhooks section');

      await card.getByRole('button', { name: 'Delete' }).click();
      await page.getByRole('dialog', { name: 'Delete this endpoint?' }).getByRole('button', { name: 'Delete endpoint' }).click();
      await expect(page.getByText('No endpoints yet.')).toBeVisible();
    });

    test('webhooks: an endpoint that answers 410 is turned off, and the dashboard tells the owner', async ({ page, request }) => {
      const shop = await newBusiness(request, 'Gone Shop');
      const added = await request.post('/api/v1/webhook-endpoints', {
        headers: auth(shop),
        data: { url: `${base}/gone/${shop.phone}`, events: ['payment.created'] },
      });
      expect(added.status()).toBe(201);
      const { id } = await added.json();
      expect((await request.post(`/api/v1/webhook-endpoints/${id}/test`, { headers: auth(shop) })).status()).toBe(202);
      await expect
        .poll(async () => (await (await request.get(`/api/v1/webhook-endpoints/${id}`, { headers: auth(shop) })).json()).enabled)
        .toBe(false);

      await logIn(page, shop.phone);
      const told = page.getByRole('note').filter({ hasText: 'Webhooks to' });
      await expect(told).toContainText(`Webhooks to ${base}/gone/${shop.phone} have stopped: the endpoint answered 410 Gone.`);
      await expectNoOverflow(page, 'the dashboard with the note');
      await told.getByRole('link', { name: 'Turn it on again' }).click();
      await expect(page.getByRole('heading', { name: 'Developers', level: 1 })).toBeVisible();
      await expect(page.getByRole('alert')).toContainText('One endpoint is turned off');
    });

    test('webhooks: a URL the guard refuses is explained, nothing added', async ({ page, request }) => {
      const shop = await newBusiness(request, 'Careful Shop');
      await logIn(page, shop.phone);
      await page.getByRole('link', { name: /^Developers:/ }).click();
      await page.getByRole('button', { name: 'Add endpoint' }).click();
      const dialog = page.getByRole('dialog', { name: 'Add a webhook endpoint' });
      await dialog.getByLabel('Endpoint URL').fill('ftp://example.com/hooks');
      await dialog.getByRole('button', { name: 'Add endpoint' }).click();
      await expect(dialog.getByRole('alert')).toContainText('Webhooks cannot be sent to this URL');
      await dialog.getByRole('button', { name: 'Cancel' }).click();
      await expect(page.getByText('No endpoints yet.')).toBeVisible();
    });
  });
}
