import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error: a plain ES module of the test scripts, without types
import { startRecordingProxy } from './recording-proxy.mjs';

/** A stand-in for the API: a JSON answer, a 204, a page of the SPA, and an event stream that stays open. */
function fakeApi(): Promise<Server> {
  const server = createServer((req, res) => {
    if (req.url === '/api/v1/me') {
      res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'set-cookie': ['a=1', 'b=2'] });
      res.end(JSON.stringify({ business: null }));
    } else if (req.url === '/api/v1/auth/logout') {
      let body = '';
      req.on('data', (chunk) => (body += chunk));
      req.on('end', () => {
        res.writeHead(body === '{"refreshToken":"x"}' ? 204 : 400);
        res.end();
      });
    } else if (req.url === '/api/v1/events') {
      res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8' });
      res.write('retry: 3000\n\n');
      res.write('id: 1\nevent: payment.created\ndata: {"id":"p1"}\n\n');
    } else {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end('<!doctype html>');
    }
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

describe('the recording proxy of the browser tests', () => {
  let api: Server;
  let proxy: { url: string; close(): Promise<void> };
  let folder: string;
  const file = () => join(folder, 'responses.jsonl');
  const records = () =>
    readFileSync(file(), 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));

  beforeAll(async () => {
    folder = mkdtempSync(join(tmpdir(), 'recording-proxy-'));
    api = await fakeApi();
    proxy = await startRecordingProxy({ target: `http://127.0.0.1:${(api.address() as AddressInfo).port}`, file: file() });
  });
  afterAll(async () => {
    await proxy.close();
    api.closeAllConnections();
    await new Promise((resolve) => api.close(resolve));
    rmSync(folder, { recursive: true, force: true });
  });

  it('passes answers through unchanged and records the API responses as they were sent', async () => {
    const me = await fetch(`${proxy.url}/api/v1/me`);
    expect(me.status).toBe(200);
    expect(await me.json()).toEqual({ business: null });
    expect(me.headers.getSetCookie()).toEqual(['a=1', 'b=2']);
    const logout = await fetch(`${proxy.url}/api/v1/auth/logout`, { method: 'POST', body: '{"refreshToken":"x"}' });
    expect(logout.status).toBe(204);
    expect(await (await fetch(`${proxy.url}/login`)).text()).toBe('<!doctype html>');

    const [first, second, ...rest] = records();
    expect(first).toMatchObject({ method: 'GET', url: '/api/v1/me', status: 200, body: '{"business":null}' });
    expect(first.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(second).toMatchObject({ method: 'POST', url: '/api/v1/auth/logout', status: 204, body: '' });
    expect(rest).toEqual([]); // the SPA's pages are not the API's
  });

  it('streams events live, and records the stream when the browser closes it', async () => {
    const controller = new AbortController();
    const stream = await fetch(`${proxy.url}/api/v1/events`, { signal: controller.signal });
    const reader = stream.body!.pipeThrough(new TextDecoderStream()).getReader();
    let received = '';
    while (!received.includes('payment.created')) received += (await reader.read()).value;
    controller.abort();
    await expect
      .poll(() => records().find((r) => r.url === '/api/v1/events'))
      .toMatchObject({
        status: 200,
        headers: { 'content-type': 'text/event-stream; charset=utf-8' },
        body: 'retry: 3000\n\nid: 1\nevent: payment.created\ndata: {"id":"p1"}\n\n',
      });
  });
});
