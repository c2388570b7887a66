import { randomInt, randomUUID } from 'node:crypto';
import type { Pool } from 'pg';
import { freshPhone, PASSWORD } from '../support/actors';
import { INVARIANTS } from '../support/invariants';
import { recordFetched } from '../support/response-recorder';

/** What one request came to: acknowledged (2xx), refused (4xx), failed on the server (5xx), or unknown (no answer). */
export type Outcome = 'ok' | 'refused' | 'failed' | 'unknown' | 'unsent';

export interface Operation {
  kind: 'submit' | 'approve' | 'reject' | 'cancel' | 'credit' | 'payment' | 'read';
  /** Every write carries a unique tag (in its notes, or the payment it decides) so the checker finds it in the database. */
  tag: string;
  paymentId?: string;
  accountId?: string;
  amount?: string;
  status?: number;
  code?: string;
  outcome: Outcome;
  ms: number;
}

interface Customer {
  token: string;
  userId: string;
  accounts: { businessId: string; accountId: string }[];
}
interface Business {
  token: string;
  businessId: string;
  accountIds: string[];
}

export interface World {
  businesses: Business[];
  customers: Customer[];
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Answer = { status: number; body: any; contentType: string };

async function call(
  base: string,
  method: string,
  path: string,
  token: string | null,
  body?: unknown,
  headers: Record<string, string> = {},
  timeoutMs = 30_000,
): Promise<Answer> {
  const res = await fetch(`${base}/api/v1${path}`, {
    method,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(timeoutMs),
  });
  // The API runs as a child process here: record what this client received, for the contract check.
  const text = await recordFetched(method, `${base}/api/v1${path}`, res);
  return { status: res.status, body: text ? JSON.parse(text) : null, contentType: res.headers.get('content-type') ?? '' };
}

/** Businesses and customers, each customer linked to two businesses, through the API. */
export async function buildWorld(base: string, businesses: number, customers: number): Promise<World> {
  const world: World = { businesses: [], customers: [] };
  for (let i = 0; i < businesses; i++) {
    const reg = await call(base, 'POST', '/auth/register', null, {
      role: 'business',
      name: `Owner ${i}`,
      phone: freshPhone(),
      password: PASSWORD,
      businessName: `Shop ${i}`,
      upiId: `shop${i}@ybl`,
    });
    const me = await call(base, 'GET', '/me', reg.body.accessToken);
    world.businesses.push({
      token: reg.body.accessToken,
      businessId: me.body.business.id,
      accountIds: [],
      joinCode: me.body.business.joinCode,
    } as Business & { joinCode: string });
  }
  for (let i = 0; i < customers; i++) {
    const reg = await call(base, 'POST', '/auth/register', null, {
      role: 'customer',
      name: `Customer ${i}`,
      phone: freshPhone(),
      password: PASSWORD,
    });
    const customer: Customer = { token: reg.body.accessToken, userId: reg.body.user.id, accounts: [] };
    for (const business of [world.businesses[i % businesses], world.businesses[(i + 1) % businesses]]) {
      const joined = await call(base, 'POST', '/accounts/join', customer.token, {
        joinCode: (business as Business & { joinCode: string }).joinCode,
      });
      customer.accounts.push({ businessId: business.businessId, accountId: joined.body.id });
      business.accountIds.push(joined.body.id);
      await call(base, 'POST', `/accounts/${joined.body.id}/transactions`, business.token, {
        type: 'credit',
        amount: '5000.00',
        notes: 'opening',
      });
    }
    world.customers.push(customer);
  }
  return world;
}

const pickOne = <T>(items: T[]): T => items[randomInt(items.length)];
const amount = () => `${randomInt(1, 500)}.${String(randomInt(0, 100)).padStart(2, '0')}`;

/**
 * Random operations from many concurrent clients for a bounded time: claims, decisions (often several racing on
 * one payment), ledger entries and reads. Every request and its outcome is recorded for the checker.
 */
export class Workload {
  readonly operations: Operation[] = [];
  private readonly recent: { paymentId: string; customer: Customer; business: Business }[] = [];
  private stopped = false;

  constructor(
    private readonly base: () => string,
    private readonly world: World,
  ) {}

  stop() {
    this.stopped = true;
  }

  async run(clients: number, untilMs: number): Promise<void> {
    await Promise.all(
      Array.from({ length: clients }, async () => {
        while (!this.stopped && Date.now() < untilMs) await this.step();
      }),
    );
  }

  private async record(op: Omit<Operation, 'outcome' | 'ms'>, send: () => Promise<Answer>): Promise<Answer | null> {
    const started = Date.now();
    const entry: Operation = { ...op, outcome: 'unknown', ms: 0 };
    this.operations.push(entry);
    try {
      const res = await send();
      entry.status = res.status;
      entry.code = res.body?.code;
      entry.outcome = res.status < 300 ? 'ok' : res.status < 500 ? 'refused' : 'failed';
      if (res.status >= 400 && !res.contentType.startsWith('application/problem+json')) entry.code = `NOT_PROBLEM_JSON:${res.contentType}`;
      return res;
    } catch (error) {
      // Nothing was sent when the connection was refused; anything else may or may not have reached the server.
      const cause = (error as { cause?: { code?: string } }).cause;
      entry.outcome = cause?.code === 'ECONNREFUSED' ? 'unsent' : 'unknown';
      // The API is down (restarting): do not spin.
      await new Promise((resolve) => setTimeout(resolve, 50));
      return null;
    } finally {
      entry.ms = Date.now() - started;
    }
  }

  private async step(): Promise<void> {
    const roll = randomInt(100);
    const base = this.base();
    if (roll < 35 || this.recent.length === 0) {
      const customer = pickOne(this.world.customers);
      const { businessId, accountId } = pickOne(customer.accounts);
      const tag = randomUUID();
      const value = amount();
      const key = randomUUID();
      const res = await this.record({ kind: 'submit', tag, accountId, amount: value }, () =>
        call(base, 'POST', '/payments', customer.token, { businessId, amount: value, notes: tag }, { 'idempotency-key': key }),
      );
      if (res?.status === 201) {
        this.recent.push({ paymentId: res.body.id, customer, business: this.world.businesses.find((b) => b.businessId === businessId)! });
        if (this.recent.length > 200) this.recent.shift();
        // Sometimes the client retries with the same key: the first answer comes back, nothing new is made.
        if (randomInt(5) === 0) {
          const replay = await call(
            base,
            'POST',
            '/payments',
            customer.token,
            { businessId, amount: value, notes: tag },
            { 'idempotency-key': key },
          ).catch(() => null);
          if (replay && (replay.status !== 201 || replay.body.id !== res.body.id)) {
            this.operations.push({
              kind: 'submit',
              tag: `replay:${tag}`,
              outcome: 'failed',
              status: replay.status,
              code: 'REPLAY_MISMATCH',
              ms: 0,
            });
          }
        }
      }
      return;
    }
    if (roll < 75) {
      // Decisions: one to five at once on the same payment.
      const target = pickOne(this.recent);
      const racers = randomInt(1, 6);
      await Promise.all(
        Array.from({ length: racers }, () => {
          const choice = randomInt(10);
          if (choice < 5)
            return this.record({ kind: 'approve', tag: target.paymentId, paymentId: target.paymentId }, () =>
              call(base, 'POST', `/payments/${target.paymentId}/approve`, target.business.token),
            );
          if (choice < 8)
            return this.record({ kind: 'reject', tag: target.paymentId, paymentId: target.paymentId }, () =>
              call(base, 'POST', `/payments/${target.paymentId}/reject`, target.business.token, { reason: 'not received' }),
            );
          return this.record({ kind: 'cancel', tag: target.paymentId, paymentId: target.paymentId }, () =>
            call(base, 'POST', `/payments/${target.paymentId}/cancel`, target.customer.token),
          );
        }),
      );
      return;
    }
    if (roll < 90) {
      const business = pickOne(this.world.businesses);
      const accountId = pickOne(business.accountIds);
      const kind = randomInt(2) === 0 ? 'credit' : 'payment';
      const tag = randomUUID();
      const value = amount();
      await this.record({ kind, tag, accountId, amount: value }, () =>
        call(
          base,
          'POST',
          `/accounts/${accountId}/transactions`,
          business.token,
          { type: kind, amount: value, notes: tag },
          { 'idempotency-key': randomUUID() },
        ),
      );
      return;
    }
    const customer = pickOne(this.world.customers);
    const { accountId } = pickOne(customer.accounts);
    await this.record({ kind: 'read', tag: accountId, accountId }, () => call(base, 'GET', `/accounts/${accountId}`, customer.token));
  }
}

/** The database's own invariants, in one snapshot. */
export async function checkInvariants(db: Pool): Promise<Record<string, unknown[]>> {
  const client = await db.connect();
  try {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    const violations: Record<string, unknown[]> = {};
    for (const [name, sql] of Object.entries(INVARIANTS)) {
      const { rows } = await client.query(sql);
      if (rows.length > 0) violations[name] = rows;
    }
    await client.query('COMMIT');
    return violations;
  } finally {
    client.release();
  }
}

/**
 * Every acknowledged change is in the database exactly once, every refused one left nothing, and the database
 * holds nothing that no request asked for. Requests without an answer ('unknown') may or may not have happened.
 */
export async function checkAgainstResponses(db: Pool, operations: Operation[]): Promise<string[]> {
  const problems: string[] = [];
  const { rows: payments } = await db.query(`SELECT transaction_id AS id, notes, status, amount::text FROM pending_payments`);
  const { rows: entries } = await db.query(
    `SELECT notes, amount::text, transaction_type FROM transactions WHERE original_pending_id IS NULL AND notes IS NOT NULL AND notes <> 'opening'`,
  );
  const { rows: decisions } = await db.query(`SELECT payment_id, type FROM payment_events WHERE type <> 'submitted'`);
  const paymentsByTag = new Map<string, { id: string; status: string; amount: string }[]>();
  for (const p of payments) paymentsByTag.set(p.notes, [...(paymentsByTag.get(p.notes) ?? []), p]);
  const entriesByTag = new Map<string, number>();
  for (const e of entries) entriesByTag.set(e.notes, (entriesByTag.get(e.notes) ?? 0) + 1);
  const decisionOf = new Map<string, string>(decisions.map((d) => [d.payment_id, d.type]));

  const byKind = (kind: Operation['kind']) => operations.filter((o) => o.kind === kind);
  for (const op of operations) {
    if (op.outcome === 'failed' && !(op.status === 503)) problems.push(`${op.kind} ${op.tag}: server error ${op.status} ${op.code ?? ''}`);
    if (op.status && op.status >= 400 && op.code?.startsWith('NOT_PROBLEM_JSON'))
      problems.push(`${op.kind} ${op.tag}: error without problem+json`);
  }
  // A 503 may have come after the commit (the connection dropped at COMMIT): like no answer, it proves nothing.
  const maybe = (op: Operation) => op.outcome === 'unknown' || (op.outcome === 'failed' && op.status === 503);
  const nothing = (op: Operation) => op.outcome === 'refused' || op.outcome === 'unsent';
  const submitted = new Set<string>();
  for (const op of byKind('submit')) {
    if (op.tag.startsWith('replay:')) continue;
    submitted.add(op.tag);
    const found = paymentsByTag.get(op.tag) ?? [];
    if (op.outcome === 'ok' && found.length !== 1) problems.push(`submit ${op.tag} acknowledged but ${found.length} payments`);
    if (nothing(op) && found.length !== 0) problems.push(`submit ${op.tag} refused (${op.status ?? op.outcome}) but left a payment`);
    if (maybe(op) && found.length > 1) problems.push(`submit ${op.tag} made ${found.length} payments`);
  }
  for (const p of payments) if (!submitted.has(p.notes)) problems.push(`payment ${p.id} (${p.notes}) was never requested`);

  const requestedEntries = new Set<string>();
  for (const op of [...byKind('credit'), ...byKind('payment')]) {
    requestedEntries.add(op.tag);
    const count = entriesByTag.get(op.tag) ?? 0;
    if (op.outcome === 'ok' && count !== 1) problems.push(`${op.kind} ${op.tag} acknowledged but ${count} ledger entries`);
    if (nothing(op) && count !== 0) problems.push(`${op.kind} ${op.tag} refused but left an entry`);
    if (count > 1) problems.push(`${op.kind} ${op.tag} made ${count} entries`);
  }
  for (const e of entries) if (!requestedEntries.has(e.notes)) problems.push(`ledger entry ${e.notes} was never requested`);

  // Decisions: per payment, at most one acknowledged; the database agrees with it; no decision nobody asked for.
  const decisionOps = new Map<string, Operation[]>();
  for (const op of [...byKind('approve'), ...byKind('reject'), ...byKind('cancel')])
    decisionOps.set(op.paymentId!, [...(decisionOps.get(op.paymentId!) ?? []), op]);
  const made: Record<string, string> = { approve: 'approved', reject: 'rejected', cancel: 'cancelled' };
  for (const [paymentId, ops] of decisionOps) {
    const acknowledged = ops.filter((o) => o.outcome === 'ok');
    const decided = decisionOf.get(paymentId);
    if (acknowledged.length > 1) problems.push(`payment ${paymentId}: ${acknowledged.length} decisions acknowledged`);
    if (acknowledged.length === 1 && decided !== made[acknowledged[0].kind])
      problems.push(`payment ${paymentId}: acknowledged ${acknowledged[0].kind} but the database says ${decided}`);
    if (acknowledged.length === 0 && decided && !ops.some((o) => maybe(o) && made[o.kind] === decided)) {
      problems.push(`payment ${paymentId}: ${decided} in the database but no request for it was answered or lost`);
    }
    for (const o of ops)
      if (o.outcome === 'refused' && o.code !== 'PAYMENT_NOT_PENDING')
        problems.push(`payment ${paymentId}: ${o.kind} refused with ${o.code}`);
  }
  for (const [paymentId, type] of decisionOf) if (!decisionOps.has(paymentId)) problems.push(`payment ${paymentId} was ${type} by nobody`);
  return problems;
}

export function summarise(operations: Operation[]) {
  const counts: Record<string, number> = {};
  for (const op of operations) {
    const key = `${op.kind}:${op.outcome}`;
    counts[key] = (counts[key] ?? 0) + 1;
  }
  const durations = operations.map((o) => o.ms).sort((a, b) => a - b);
  return {
    operations: operations.length,
    counts,
    maxResponseMs: durations[durations.length - 1] ?? 0,
    p99ResponseMs: durations[Math.floor(durations.length * 0.99)] ?? 0,
  };
}
