// The webhook relay's HTTP client alone: CPU per delivery of Node's http client (a keep-alive agent, as the relay had
// it) against the relay's own sender (api/src/webhooks/sender.ts: undici pools, built first), each sending the same
// signed-size POSTs with 48 under way over 16 connections to a local receiver in another process.
// `node bench/http-client.mjs [deliveries]` alternates the two three times and prints each run and the medians
// (sender CPU per delivery, user + system).
import { execFileSync, fork } from 'node:child_process';
import http from 'node:http';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { median } from './lib.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

if (process.argv[2] === 'receiver') {
  const s = http.createServer((req, res) => {
    const c = [];
    req.on('data', (d) => c.push(d));
    req.on('end', () => {
      JSON.parse(Buffer.concat(c));
      res.writeHead(204).end();
    });
  });
  s.keepAliveTimeout = 60000;
  s.listen(0, '127.0.0.1', () => process.send(s.address().port));
} else if (process.argv[2] === 'http' || process.argv[2] === 'undici') {
  await measure(process.argv[2], Number(process.argv[3] ?? 20000));
} else {
  const n = process.argv[2] ?? '20000';
  execFileSync('npm', ['run', 'build', '-w', 'api'], { cwd: ROOT, stdio: 'ignore' });
  const runs = { http: [], undici: [] };
  for (let i = 0; i < 3; i++)
    for (const kind of ['http', 'undici']) {
      const out = JSON.parse(execFileSync(process.execPath, [fileURLToPath(import.meta.url), kind, n]).toString());
      console.log(JSON.stringify(out));
      runs[kind].push(out.usPerDelivery);
    }
  const [h, u] = [median(runs.http), median(runs.undici)];
  console.log(`median sender CPU per delivery: http ${h} us, undici ${u} us (undici = ${(u / h).toFixed(2)} of http)`);
}

async function measure(kind, N) {
  const CONC = 48;
  const recv = fork(fileURLToPath(import.meta.url), ['receiver']);
  const port = await new Promise((r) => recv.once('message', r));
  const url = new URL(`http://127.0.0.1:${port}/hooks/0`);
  const body = JSON.stringify({
    type: 'payment.approved',
    timestamp: new Date().toISOString(),
    data: { id: 'x'.repeat(36), amount: '123.45', notes: 'y'.repeat(200) },
  });
  const headers = { 'webhook-id': 'msg_' + 'a'.repeat(27), 'webhook-timestamp': '1700000000', 'webhook-signature': 'v1,' + 'b'.repeat(44) };
  const agent = new http.Agent({ keepAlive: true, maxSockets: 16, maxFreeSockets: 16, timeout: 4000 });
  const { EndpointPools, post } = (await import(join(ROOT, 'api', 'dist', 'webhooks', 'sender.js'))).default;
  const pools = new EndpointPools(15000);
  const target = { url, address: '127.0.0.1', family: 4 };
  function viaHttp() {
    return new Promise((resolve) => {
      const req = http.request(
        url,
        {
          method: 'POST',
          agent,
          headers: {
            ...headers,
            'content-type': 'application/json',
            'content-length': String(Buffer.byteLength(body)),
            'user-agent': 'khata-pay-webhooks/1',
          },
        },
        (res) => {
          const chunks = [];
          res.on('data', (c) => chunks.push(c));
          res.on('end', () => resolve(res.statusCode));
        },
      );
      req.once('socket', () => {
        const t = setTimeout(() => {}, 15000);
        req.once('close', () => clearTimeout(t));
      });
      req.on('error', resolve);
      req.end(body);
    });
  }
  async function viaSender() {
    const outcome = await post(pools.of('bench', target), target, headers, body, 15000);
    return outcome.statusCode ?? outcome.error;
  }
  const send = kind === 'undici' ? viaSender : viaHttp;
  for (let i = 0; i < 500; i++) await send();
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  let next = 0;
  let bad = 0;
  await Promise.all(
    Array.from({ length: CONC }, async () => {
      while (next++ < N) {
        const r = await send();
        if (r !== 204) bad++;
      }
    }),
  );
  const cpu = process.cpuUsage(c0);
  const wall = performance.now() - t0;
  console.log(
    JSON.stringify({
      kind,
      deliveries: N,
      failed: bad,
      usPerDelivery: +((cpu.user + cpu.system) / N).toFixed(1),
      userUs: +(cpu.user / N).toFixed(1),
      systemUs: +(cpu.system / N).toFixed(1),
      perSecond: Math.round((N / wall) * 1000),
    }),
  );
  agent.destroy();
  pools.destroy();
  recv.kill();
}
