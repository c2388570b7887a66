// Helpers of the bench: processes, tokens, a constant-rate HTTP client, RSS sampling, statistics.
import { spawn, spawnSync } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import http from 'node:http';

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

export function log(...args) {
  console.log(`[bench ${new Date().toISOString().slice(11, 19)}]`, ...args);
}

/** Runs a command to completion; throws with its output when it fails. */
export function run(cmd, args, options = {}) {
  const result = spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, ...options });
  if (result.error) throw result.error;
  if (result.status !== 0 && !options.allowFail) {
    throw new Error(`${cmd} ${args.join(' ')} failed (${result.status}):\n${result.stdout}\n${result.stderr}`);
  }
  return result;
}

/** Like `run`, but asynchronous (the event loop keeps sampling RSS while it runs). */
export function runAsync(cmd, args, options = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'], ...options });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (status) => {
      if (status !== 0) reject(new Error(`${cmd} ${args.join(' ')} failed (${status}):\n${stdout}\n${stderr}`));
      else resolve({ stdout, stderr });
    });
  });
}

export function percentile(sorted, p) {
  if (sorted.length === 0) return null;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i];
}

export function median(values) {
  const s = [...values].sort((a, b) => a - b);
  if (s.length === 0) return null;
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

export const round = (x, digits = 1) => (x === null || x === undefined ? null : Math.round(x * 10 ** digits) / 10 ** digits);

/** HS256 access token the API accepts (same claims as its own: sub, role, bid|cid, aud, iss, exp). */
export function signToken(secret, claims, ttlSeconds = 3600) {
  const now = Math.floor(Date.now() / 1000);
  const b64 = (o) => Buffer.from(JSON.stringify(o)).toString('base64url');
  const body = `${b64({ alg: 'HS256', typ: 'JWT' })}.${b64({ ...claims, aud: 'khata-pay-api', iss: 'khata-pay', iat: now, exp: now + ttlSeconds })}`;
  return `${body}.${createHmac('sha256', secret).update(body).digest('base64url')}`;
}

/** Resident memory of a process in MB (VmRSS), or null once it is gone. */
export function rssMb(pid) {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : null;
  } catch {
    return null;
  }
}

/** CPU time (user + system, seconds) a process has used so far, or null once it is gone. */
export function cpuSeconds(pid) {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100; // utime, stime in clock ticks (USER_HZ = 100)
  } catch {
    return null;
  }
}

/** Busy and total CPU time of the whole machine (seconds, all cores), from /proc/stat. */
export function machineCpu() {
  const [, ...v] = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).map(Number);
  const idle = v[3] + v[4];
  const total = v.reduce((a, b) => a + b, 0);
  return { busy: (total - idle) / 100, total: total / 100 };
}

/**
 * Samples a process's RSS every 200 ms; `mark(label)` starts a phase, `stop()` gives the peaks and, per phase,
 * the CPU seconds the process used and how busy the whole machine was (a coarse profile: API vs the rest).
 */
export class RssSampler {
  constructor(pid) {
    this.pid = pid;
    this.phase = 'idle';
    this.peaks = {};
    this.cpu = {};
    this.max = 0;
    this.phaseStart = { at: performance.now(), api: cpuSeconds(pid), machine: machineCpu() };
    this.timer = setInterval(() => this.sample(), 200);
  }
  sample() {
    const mb = rssMb(this.pid);
    if (mb === null) return;
    this.max = Math.max(this.max, mb);
    this.peaks[this.phase] = Math.max(this.peaks[this.phase] ?? 0, mb);
  }
  mark(phase) {
    this.sample();
    const now = { at: performance.now(), api: cpuSeconds(this.pid), machine: machineCpu() };
    const s = this.phaseStart;
    const wall = (now.at - s.at) / 1000;
    if (wall > 0.5 && now.api !== null && s.api !== null) {
      const c = (this.cpu[this.phase] ??= { wallSeconds: 0, apiCpuSeconds: 0, machineBusySeconds: 0 });
      c.wallSeconds = round(c.wallSeconds + wall, 2);
      c.apiCpuSeconds = round(c.apiCpuSeconds + now.api - s.api, 2);
      c.machineBusySeconds = round(c.machineBusySeconds + now.machine.busy - s.machine.busy, 2);
      c.apiCores = round(c.apiCpuSeconds / c.wallSeconds, 2);
      c.machineBusyCores = round(c.machineBusySeconds / c.wallSeconds, 2);
    }
    this.phaseStart = now;
    this.phase = phase;
  }
  stop() {
    this.mark('end');
    clearInterval(this.timer);
    return {
      maxMb: round(this.max),
      byPhase: Object.fromEntries(Object.entries(this.peaks).map(([k, v]) => [k, round(v)])),
      cpu: this.cpu,
    };
  }
}

/**
 * Open-loop load at a fixed arrival rate: request i is due at start + i / rate, whatever happened to the earlier
 * ones. Latency is measured from the due time (so a stalled server is not hidden: no coordinated omission).
 * `next()` gives {method, path, headers, body} for each request.
 */
export async function constantRate({ port, rate, seconds, next, maxSockets = 512 }) {
  const agent = new http.Agent({ keepAlive: true, maxSockets });
  const total = Math.round(rate * seconds);
  const latencies = [];
  const statuses = {};
  let errors = 0;
  let sent = 0;
  let done = 0;
  const start = performance.now() + 50;
  await new Promise((resolveAll) => {
    const fire = (due) => {
      const r = next();
      const req = http.request({ host: '127.0.0.1', port, method: r.method, path: r.path, headers: r.headers, agent }, (res) => {
        res.resume();
        res.on('end', () => {
          statuses[res.statusCode] = (statuses[res.statusCode] ?? 0) + 1;
          latencies.push(performance.now() - due);
          if (++done === total) resolveAll();
        });
      });
      req.on('error', () => {
        errors++;
        if (++done === total) resolveAll();
      });
      if (r.body) req.end(r.body);
      else req.end();
    };
    const tick = () => {
      const now = performance.now();
      while (sent < total && start + (sent * 1000) / rate <= now) {
        fire(start + (sent * 1000) / rate);
        sent++;
      }
      if (sent < total) setTimeout(tick, Math.max(0, Math.min(5, start + (sent * 1000) / rate - performance.now())));
    };
    setTimeout(tick, 50);
  });
  const elapsed = (performance.now() - start) / 1000;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  const ok = Object.entries(statuses)
    .filter(([s]) => Number(s) < 300)
    .reduce((n, [, c]) => n + c, 0);
  return {
    rate,
    seconds,
    requests: total,
    achievedRate: round(total / elapsed),
    ok,
    statuses,
    errors,
    p50Ms: round(percentile(latencies, 50), 2),
    p90Ms: round(percentile(latencies, 90), 2),
    p99Ms: round(percentile(latencies, 99), 2),
    maxMs: round(latencies[latencies.length - 1], 2),
  };
}

/** Closed-loop load (only used when wrk is missing): `connections` requests in flight for `seconds`. */
export async function closedLoop({ port, connections, seconds, next }) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: connections });
  const latencies = [];
  let non2xx = 0;
  const end = performance.now() + seconds * 1000;
  const start = performance.now();
  const worker = async () => {
    while (performance.now() < end) {
      const r = next();
      const t0 = performance.now();
      const status = await new Promise((resolve) => {
        const req = http.request({ host: '127.0.0.1', port, method: r.method, path: r.path, headers: r.headers, agent }, (res) => {
          res.resume();
          res.on('end', () => resolve(res.statusCode));
        });
        req.on('error', () => resolve(0));
        req.end(r.body);
      });
      latencies.push(performance.now() - t0);
      if (status < 200 || status >= 300) non2xx++;
    }
  };
  await Promise.all(Array.from({ length: connections }, worker));
  agent.destroy();
  latencies.sort((a, b) => a - b);
  const us = (ms) => Math.round(ms * 1000);
  return {
    requests: latencies.length,
    duration_us: us(performance.now() - start),
    non2xx,
    lat_p50_us: us(percentile(latencies, 50)),
    lat_p99_us: us(percentile(latencies, 99)),
    lat_max_us: us(latencies[latencies.length - 1]),
  };
}

/** Wall-clock milliseconds since the epoch with sub-millisecond precision (comparable with PostgreSQL's clock here). */
export const epochMs = () => performance.timeOrigin + performance.now();

/**
 * A live-events client (`GET /api/v1/events`, server-sent events) that records when each event arrived:
 * `arrivals` maps "<type> <payment id>" to the epoch milliseconds of its arrival.
 */
export async function listenToEvents({ port, token }) {
  const arrivals = new Map();
  const controller = new AbortController();
  const res = await fetch(`http://127.0.0.1:${port}/api/v1/events`, {
    headers: { authorization: `Bearer ${token}`, accept: 'text/event-stream' },
    signal: controller.signal,
  });
  if (res.status !== 200) throw new Error(`the event stream answered ${res.status}`);
  const reading = (async () => {
    const decoder = new TextDecoder();
    let buffer = '';
    try {
      for await (const chunk of res.body) {
        const at = epochMs();
        buffer += decoder.decode(chunk, { stream: true });
        let end;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const type = /^event: (.+)$/m.exec(block)?.[1];
          const data = /^data: (.+)$/m.exec(block)?.[1];
          if (type && data) arrivals.set(`${type} ${JSON.parse(data).id}`, at);
        }
      }
    } catch {
      // aborted by stop()
    }
  })();
  return {
    arrivals,
    async stop() {
      controller.abort();
      await reading;
    },
  };
}

/** p50/p99/max of a list of milliseconds. */
export function latencySummary(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return {
    count: sorted.length,
    p50Ms: round(percentile(sorted, 50), 2),
    p99Ms: round(percentile(sorted, 99), 2),
    maxMs: round(sorted[sorted.length - 1], 2),
  };
}

/**
 * A local webhook receiver for the bench: answers every delivery 204 at once and records, per "<type> <data.id>",
 * when the first delivery of it arrived (epoch ms), and how many deliveries arrived between the first and the last.
 */
export async function webhookReceiver() {
  const { createServer } = await import('node:http');
  let arrivals = new Map();
  let count = 0;
  let first = null;
  let last = null;
  const server = createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      const at = epochMs();
      count++;
      first ??= at;
      last = at;
      try {
        const body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
        const key = `${body.type} ${body.data?.id}`;
        if (!arrivals.has(key)) arrivals.set(key, at);
      } catch {
        // not JSON: counted, not timed
      }
      res.writeHead(204).end();
    });
  });
  server.keepAliveTimeout = 60_000;
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    get arrivals() {
      return arrivals;
    },
    get count() {
      return count;
    },
    /** Deliveries per second from the first arrival to the last (null for fewer than two). */
    perSecond() {
      return count > 1 && last > first ? round(count / ((last - first) / 1000)) : null;
    },
    reset() {
      arrivals = new Map();
      count = 0;
      first = null;
      last = null;
    },
    /** Waits until no delivery has arrived for `quietMs` (at most `maxMs`). */
    async drained(quietMs = 3000, maxMs = 180_000) {
      const until = Date.now() + maxMs;
      let seen = -1;
      while (Date.now() < until) {
        if (count === seen) return;
        seen = count;
        await sleep(quietMs);
      }
    },
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}
