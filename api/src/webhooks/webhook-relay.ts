import { AsyncResource } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { Database } from '../database/database';
import { DATABASE_TARGET, DatabaseTarget } from '../database/database-target';
import { iso } from '../database/rows';
import { EventLogRepository } from '../events/event-log.repository';
import { EventsService } from '../events/events.service';
import { toPaymentDto } from '../payments/payment.mapper';
import { toTransactionDto } from '../transactions/transaction.mapper';
import { post, type AttemptOutcome } from './sender';
import { signatureHeader } from './signing';
import { checkTarget } from './url-guard';
import { AttemptVerdict, ClaimedRow, EntryRow, NewDelivery, WebhookRelayRepository } from './webhook-relay.repository';
import { newMessageId } from './webhook-events';

/** Event log entries per fan-out transaction. */
const FAN_OUT_BATCH = 500;
/** Attempts one process sends at once. */
const CLAIM_BATCH = 16;

/**
 * The webhooks relay, in every API process (`WEBHOOKS_RELAY`, on by default):
 *
 * 1. Fan-out: the webhooks consumer reads the event log after its own position (`event_consumers`), in position
 *    (commit) order, and writes one delivery per entry and endpoint that wants it, with its body fixed, moving the
 *    position in the same transaction: every event becomes its deliveries exactly once, whichever process does it
 *    (the position row is locked, SKIP LOCKED: one fan-out at a time, the others move on to delivering).
 * 2. Delivery: due attempts are claimed with FOR UPDATE SKIP LOCKED and leased (`next_attempt_at` moves past the
 *    attempt's timeout), POSTed, and recorded; a relay that dies mid-attempt leaves the lease to run out, and
 *    another relay sends the same message again (at least once, same `webhook-id`). A delivery waits while an
 *    earlier one for the same payment (or account) and endpoint is still pending: in order per payment.
 * 3. Retries follow `WEBHOOK_RETRY_SCHEDULE` with ±10 % jitter; after the last, the delivery is failed. A 410
 *    disables the endpoint; so does failing without a success for `WEBHOOK_DISABLE_AFTER`.
 *
 * It wakes when the event log moves (EventsService tells its watchers), when the next attempt is due, and on the
 * poll (`EVENTS_POLL_MS`).
 */
@Injectable()
export class WebhookRelay implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('Webhooks');
  private running = false;
  private loop: Promise<void> | null = null;
  private again = false;
  private wake: NodeJS.Timeout | undefined;
  private poll: NodeJS.Timeout | undefined;
  private unwatch: (() => void) | null = null;
  private failing = false;
  private readonly inFlight = new Set<Promise<void>>();
  /**
   * Starts a round in the async context the module started in: a trigger comes from requests too, and a round
   * started in a request's context would run its statements in that request's transaction (long released).
   */
  private readonly start = AsyncResource.bind(() => {
    this.loop ??= this.run();
  });

  constructor(
    private readonly relay: WebhookRelayRepository,
    private readonly log: EventLogRepository,
    private readonly db: Database,
    private readonly events: EventsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(DATABASE_TARGET) private readonly database: DatabaseTarget,
  ) {}

  onModuleInit(): void {
    if (!this.config.webhooks.relay || this.database.connect === false) return;
    this.running = true;
    this.unwatch = this.events.watch(() => this.trigger());
    this.poll = setInterval(() => this.trigger(), this.config.eventsPollMs).unref();
    this.trigger();
  }

  async onModuleDestroy(): Promise<void> {
    this.running = false;
    this.unwatch?.();
    clearInterval(this.poll);
    clearTimeout(this.wake);
    await this.loop;
    await Promise.all(this.inFlight);
  }

  /** Runs a round now (or once more after the one running). */
  trigger(): void {
    if (!this.running) return;
    this.again = true;
    if (!this.loop) this.start();
  }

  private async run(): Promise<void> {
    try {
      while (this.again && this.running) {
        this.again = false;
        await this.fanOut();
        await this.deliverDue();
        await this.scheduleWake();
      }
      if (this.failing) this.logger.log('webhooks flow again');
      this.failing = false;
    } catch (error) {
      this.again = false;
      if (!this.failing) this.logger.error(`cannot relay webhooks yet (the poll retries): ${(error as Error).message}`);
      this.failing = true;
    } finally {
      this.loop = null;
    }
  }

  /** Every event log entry after the consumer's position becomes its deliveries. */
  private async fanOut(): Promise<void> {
    while (this.running) {
      const more = await this.db.transaction(async () => {
        const from = await this.relay.lockPosition();
        if (from === null) return false; // another process is at it
        const upto = await this.relay.batchEnd(from, FAN_OUT_BATCH);
        if (upto <= from) return false;
        await this.relay.insertDeliveries(await this.deliveriesOf(from, upto));
        await this.relay.movePosition(upto);
        return upto - from === BigInt(FAN_OUT_BATCH);
      });
      if (!more) return;
    }
  }

  private async deliveriesOf(from: bigint, upto: bigint): Promise<NewDelivery[]> {
    const matches = await this.relay.matches(from, upto);
    if (matches.length === 0) return [];
    const paymentIds = [...new Set(matches.filter((m) => m.payment_id).map((m) => m.payment_id!))];
    const entryIds = [...new Set(matches.filter((m) => m.transaction_id).map((m) => m.transaction_id!))];
    const approvalIds = matches.filter((m) => m.type === 'transaction.created' && !m.transaction_id).map((m) => m.payment_id!);
    const [payments, entries] = await Promise.all([
      paymentIds.length ? this.log.paymentsById(paymentIds) : [],
      entryIds.length || approvalIds.length ? this.relay.entries(entryIds, approvalIds) : ([] as EntryRow[]),
    ]);
    const paymentById = new Map(payments.map((p) => [p.id, toPaymentDto(p)]));
    const entryById = new Map(entries.map((e) => [e.id, e]));
    const entryByClaim = new Map(entries.filter((e) => e.original_pending_id).map((e) => [e.original_pending_id!, e]));
    const deliveries: NewDelivery[] = [];
    for (const m of matches) {
      let data: unknown;
      let orderKey: string | null = m.payment_id;
      if (m.type === 'transaction.created') {
        const entry = m.transaction_id ? entryById.get(m.transaction_id) : entryByClaim.get(m.payment_id!);
        if (!entry) continue;
        data = toTransactionDto(entry);
        orderKey ??= entry.account_id;
      } else {
        data = paymentById.get(m.payment_id!);
        if (!data) continue;
      }
      deliveries.push({
        endpoint_id: m.endpoint_id,
        business_id: m.business_id,
        message_id: newMessageId(),
        event_type: m.type,
        event_position: m.position,
        order_key: orderKey,
        body: JSON.stringify({ type: m.type, timestamp: iso(m.at), data }),
      });
    }
    return deliveries;
  }

  /** Claims and sends due attempts until none is due. */
  private async deliverDue(): Promise<void> {
    const { timeoutMs } = this.config.webhooks;
    // Longer than any attempt can take, so a lease runs out only when its relay is gone.
    const leaseMs = timeoutMs * 2 + 1000;
    while (this.running) {
      const token = randomUUID();
      const claimed = await this.relay.claimDue(CLAIM_BATCH, leaseMs, token);
      if (claimed.length === 0) return;
      // Then claim again: an attempt that succeeded may have let the next one of its payment go.
      await Promise.all(claimed.map((row) => this.track(this.attempt(row, token))));
    }
  }

  private track(work: Promise<void>): Promise<void> {
    this.inFlight.add(work);
    return work.finally(() => this.inFlight.delete(work));
  }

  private async attempt(row: ClaimedRow, token: string): Promise<void> {
    const { allowHttp, allowPrivate, timeoutMs, retrySchedule, disableAfterMs } = this.config.webhooks;
    const started = performance.now();
    const target = await checkTarget(row.url, { allowHttp, allowPrivate });
    let outcome: AttemptOutcome;
    if ('refusal' in target) {
      outcome = {
        statusCode: null,
        latencyMs: Math.round(performance.now() - started),
        error: `refused: ${target.refusal}`,
        responseBody: null,
      };
    } else {
      const timestamp = Math.floor(Date.now() / 1000);
      const secrets = row.previous_secret ? [row.secret, row.previous_secret] : [row.secret];
      const headers = {
        'webhook-id': row.message_id,
        'webhook-timestamp': String(timestamp),
        'webhook-signature': signatureHeader(secrets, row.message_id, timestamp, row.body),
      };
      outcome = await post(target, headers, row.body, timeoutMs);
    }
    const verdict = verdictOf(outcome, row.attempts, retrySchedule);
    try {
      const held = await this.relay.recordAttempt(row.id, token, outcome, verdict, disableAfterMs);
      if (!held) this.logger.warn(`delivery ${row.id}: its lease ran out before the attempt was recorded`);
    } catch (error) {
      // The lease runs out and the attempt is made again: at least once.
      this.logger.error(`delivery ${row.id}: cannot record the attempt: ${(error as Error).message}`);
    }
  }

  /** Wakes when the next attempt is due, if that is before the poll. */
  private async scheduleWake(): Promise<void> {
    const due = await this.relay.nextDue();
    clearTimeout(this.wake);
    if (!due || !this.running) return;
    const inMs = Math.max(0, due.getTime() - Date.now());
    if (inMs < this.config.eventsPollMs) this.wake = setTimeout(() => this.trigger(), inMs + 5).unref();
  }
}

/** What an attempt's outcome means for its delivery, after `attempts` attempts in its schedule. */
export function verdictOf(outcome: AttemptOutcome, attempts: number, schedule: number[], random = Math.random): AttemptVerdict {
  const code = outcome.statusCode;
  if (code !== null && code >= 200 && code < 300) return { status: 'delivered' };
  if (code === 410) return { status: 'failed', disableEndpoint: 'The endpoint answered 410 Gone' };
  if (attempts >= schedule.length) return { status: 'failed', disableEndpoint: null };
  const delay = schedule[attempts]!;
  return { status: 'pending', retryInMs: Math.round(delay * (0.9 + 0.2 * random())) };
}
