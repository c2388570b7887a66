import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { Database } from '../database/database';
import { DATABASE_TARGET, DatabaseTarget } from '../database/database-target';
import { iso } from '../database/rows';
import { EventLogRepository } from '../events/event-log.repository';
import { EventsService } from '../events/events.service';
import { paymentAtEvent } from '../events/live-events';
import { SerialTask } from '../events/serial-task';
import { toPaymentDto } from '../payments/payment.mapper';
import { toTransactionDto } from '../transactions/transaction.mapper';
import { SecretBox } from './secret-box';
import { EndpointPools, post, QUEUE_PER_ENDPOINT, SOCKETS_PER_ENDPOINT, type AttemptOutcome } from './sender';
import { signatureHeader } from './signing';
import { checkTarget } from './url-guard';
import { AttemptVerdict, ClaimedRow, EntryRow, FinishedAttempt, NewDelivery, WebhookRelayRepository } from './webhook-relay.repository';
import { newMessageId } from './webhook-events';

/** Event log entries per fan-out transaction. */
const FAN_OUT_BATCH = 500;
/** Attempts one process starts while it has this many under way at most (claimed or leased, sent, not yet recorded). */
const MAX_IN_FLIGHT = 256;
/** Attempts claimed per statement at most. */
const CLAIM_BATCH = 64;
/**
 * Pause before claiming again for attempts recorded during the last claim: under load the records of many attempts
 * share one claim. First attempts do not wait for it (the fan-out leases them); retries and the next delivery of a
 * payment may, by this much.
 */
const CLAIM_REST_MS = 20;
/** How often a relay compares the deliveries table's statistics with its live rows (keepStatisticsTrue). */
const STATISTICS_CHECK_MS = 10_000;
/** An estimate under a tenth of the live rows, with at least this many, is refreshed at once. */
const STALE_FACTOR = 10;
const STALE_MIN_ROWS = 1_000;

/**
 * The webhooks relay, in every API process (`WEBHOOKS_RELAY`, on by default): three loops, each one run at a time.
 *
 * 1. Fan-out: the webhooks consumer reads the event log after its own position (`event_consumers`), in position
 *    (commit) order, and writes one delivery per entry and endpoint that wants it, with its body fixed, moving the
 *    position in the same transaction: every event becomes its deliveries exactly once, whichever process does it
 *    (the position row is locked, SKIP LOCKED: one fan-out at a time, the others move on to delivering). The
 *    deliveries it has room for, and whose payment has nothing earlier pending for the endpoint, are leased to it in
 *    the same statement and sent as soon as the transaction commits: a first attempt costs no claim.
 * 2. Claims, for the rest (retries, a delivery whose turn came, another relay's expired lease): due attempts are
 *    claimed with FOR UPDATE SKIP LOCKED and leased (`next_attempt_at` moves past the attempt's longest time), up to
 *    MAX_IN_FLIGHT under way and QUEUE_PER_ENDPOINT per endpoint. A delivery waits while an earlier one for the same
 *    payment (or account) and endpoint is still pending: in order per payment.
 *    Every attempt is POSTed over the endpoint's keep-alive connections (SOCKETS_PER_ENDPOINT at most; the others
 *    queue in its agent, and their timeout starts with their connection).
 * 3. Records: finished attempts are written to the delivery log together, in one statement per run (what finished
 *    while the last one ran), and make room for more. A relay that dies mid-attempt leaves the lease to run out,
 *    and another relay sends the same message again (at least once, same `webhook-id`).
 * Retries follow `WEBHOOK_RETRY_SCHEDULE` with ±10 % jitter; after the last, the delivery is failed. A 410 disables
 * the endpoint; so does failing without a success for `WEBHOOK_DISABLE_AFTER`.
 *
 * It fans out when the event log moves (EventsService tells its watchers); it claims when a fan-out left deliveries
 * waiting, when attempts are recorded, when a retry it recorded is due, on the poll (`EVENTS_POLL_MS`: another
 * process's retries and leases), and when the owner tests, replays or enables an endpoint.
 */
@Injectable()
export class WebhookRelay implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('Webhooks');
  private running = false;
  private wake: NodeJS.Timeout | undefined;
  private poll: NodeJS.Timeout | undefined;
  private statisticsCheck: NodeJS.Timeout | undefined;
  private checkingStatistics = false;
  private unwatch: (() => void) | null = null;
  private failing = false;
  /** Attempts claimed and not yet recorded. */
  private underway = 0;
  private readonly sending = new Set<Promise<void>>();
  /** Attempts being sent, per endpoint (at most QUEUE_PER_ENDPOINT). */
  private readonly sendingTo = new Map<string, number>();
  private wakeAt = 0;
  private finished: FinishedAttempt[] = [];
  private readonly pools: EndpointPools;
  private readonly fanOutTask = new SerialTask(
    () => this.fanOut(),
    (error) => this.failed(error),
  );
  private readonly claimTask = new SerialTask(
    () => this.claim(),
    (error) => this.failed(error),
    CLAIM_REST_MS,
  );
  private readonly recordTask = new SerialTask(
    () => this.record(),
    (error) => this.failed(error),
  );

  constructor(
    private readonly relay: WebhookRelayRepository,
    private readonly log: EventLogRepository,
    private readonly db: Database,
    private readonly events: EventsService,
    private readonly box: SecretBox,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(DATABASE_TARGET) private readonly database: DatabaseTarget,
  ) {
    this.pools = new EndpointPools(config.webhooks.timeoutMs);
  }

  async onModuleInit(): Promise<void> {
    if (this.database.connect === false) return;
    if (this.config.nodeEnv === 'production' && !this.config.webhooks.secretsKeyGiven) {
      this.logger.warn('WEBHOOK_SECRETS_KEY is not set: endpoint secrets are sealed with a key derived from JWT_SECRET');
    }
    await this.sealStoredSecrets();
    if (!this.config.webhooks.relay) return;
    this.running = true;
    this.unwatch = this.events.watch(() => this.fanOutTask.trigger());
    this.poll = setInterval(() => this.trigger(), this.config.eventsPollMs).unref();
    this.statisticsCheck = setInterval(() => void this.keepStatisticsTrue(), STATISTICS_CHECK_MS).unref();
    this.trigger();
  }

  async onModuleDestroy(): Promise<void> {
    this.running = false;
    this.unwatch?.();
    clearInterval(this.poll);
    clearInterval(this.statisticsCheck);
    clearTimeout(this.wake);
    await Promise.all([this.fanOutTask.settled(), this.claimTask.settled()]);
    // What is being sent is recorded before the process stops (or its lease runs out and another relay resends it).
    await Promise.all(this.sending);
    this.recordTask.trigger();
    await this.recordTask.settled();
    this.pools.destroy();
  }

  /**
   * Keeps the planner's picture of the deliveries table true; returns whether it had to. After a bulk delete,
   * autovacuum can analyze the table while it holds only dead rows: the planner then takes it for empty however many
   * deliveries arrive next (it scales the rows it last counted per page by the pages there are now), and plans the
   * claim's in-order check as a walk over every pending delivery of the endpoint for each candidate. One claim took
   * 43-49 s that way in a reproduction (15,000 pending), until the next autoanalyze (bench/ANALYSIS.md). So every
   * STATISTICS_CHECK_MS a relay compares the estimate with the live rows, and analyzes the table when it is far off.
   */
  async keepStatisticsTrue(): Promise<boolean> {
    if (this.checkingStatistics) return false;
    this.checkingStatistics = true;
    try {
      const { live, estimated } = await this.relay.deliveryStatistics();
      // -1: never analyzed, and the planner estimates from the table's size instead (no trap).
      if (live < STALE_MIN_ROWS || estimated < 0 || estimated * STALE_FACTOR > live) return false;
      this.logger.warn(`the deliveries table's statistics count ${estimated} rows of ${live}: analyzing it`);
      await this.relay.analyzeDeliveries();
      return true;
    } catch (error) {
      this.logger.warn(`cannot check the deliveries table's statistics: ${(error as Error).message}`);
      return false;
    } finally {
      this.checkingStatistics = false;
    }
  }

  /** Seals the secrets an earlier version stored in clear (every process may try: a rotation meanwhile wins). */
  private async sealStoredSecrets(): Promise<void> {
    try {
      for (const row of await this.relay.unsealedSecrets()) {
        const seal = (secret: string) => (this.box.isSealed(secret) ? secret : this.box.seal(secret, row.business_id));
        const previous = row.previous_secret;
        await this.relay.sealSecrets(row.id, row.secret, seal(row.secret), previous, previous === null ? null : seal(previous));
      }
    } catch (error) {
      this.logger.warn(`cannot seal the endpoint secrets stored in clear yet: ${(error as Error).message}`);
    }
  }

  /** Fans out and claims now (or once more after the runs under way). */
  trigger(): void {
    if (!this.running) return;
    this.fanOutTask.trigger();
    this.claimTask.trigger();
  }

  private failed(error: unknown): void {
    if (this.failing) return;
    this.failing = true;
    this.logger.error(`cannot relay webhooks yet (the poll retries): ${(error as Error).message}`);
  }

  private recovered(): void {
    if (!this.failing) return;
    this.failing = false;
    this.logger.log('webhooks flow again');
  }

  /**
   * Every event log entry after the consumer's position becomes its deliveries; those this relay has room for are
   * leased to it as they are written, and sent once the fan-out has committed.
   */
  private async fanOut(): Promise<void> {
    while (this.running) {
      const token = randomUUID();
      let leased: ClaimedRow[] = [];
      let waiting = 0;
      const moved = await this.db.transaction(async () => {
        const batch = await this.relay.lockBatch(FAN_OUT_BATCH);
        if (batch === null) return 0n; // another process is at it
        const { from, upto } = batch;
        if (upto <= from) return 0n;
        const deliveries = this.markSendable(await this.deliveriesOf(from, upto), MAX_IN_FLIGHT - this.underway);
        leased = await this.relay.insertDeliveries(deliveries, this.leaseMs(), token, upto);
        waiting = deliveries.length - leased.length;
        return upto - from;
      });
      this.underway += leased.length;
      this.send(leased, token);
      if (waiting > 0) this.claimTask.trigger(); // deliveries that wait for a claim
      if (moved < BigInt(FAN_OUT_BATCH)) break;
    }
    this.recovered();
  }

  /**
   * Marks the deliveries to send at once: the first of each payment (or account) and endpoint in the batch (the
   * others follow it in order, by claim), while the relay has room overall and for the endpoint.
   */
  private markSendable(deliveries: NewDelivery[], room: number): NewDelivery[] {
    const seen = new Set<string>();
    const perEndpoint = new Map<string, number>();
    for (const d of deliveries) {
      const key = `${d.endpoint_id} ${d.order_key}`;
      const endpointRoom = perEndpoint.get(d.endpoint_id) ?? QUEUE_PER_ENDPOINT - (this.sendingTo.get(d.endpoint_id) ?? 0);
      d.send = !d.held && room > 0 && endpointRoom > 0 && (d.order_key === null || !seen.has(key));
      seen.add(key);
      if (d.send) {
        room--;
        perEndpoint.set(d.endpoint_id, endpointRoom - 1);
      }
    }
    return deliveries;
  }

  private async deliveriesOf(from: bigint, upto: bigint): Promise<NewDelivery[]> {
    const matches = await this.relay.matches(from, upto);
    if (matches.length === 0) return [];
    const paymentIds = [...new Set(matches.filter((m) => m.payment_id).map((m) => m.payment_id!))];
    const entryIds = [...new Set(matches.filter((m) => m.transaction_id).map((m) => m.transaction_id!))];
    const approvalIds = [
      ...new Set(matches.filter((m) => m.type === 'transaction.created' && !m.transaction_id).map((m) => m.payment_id!)),
    ];
    const [payments, entries] = await Promise.all([
      paymentIds.length ? this.log.paymentsById(paymentIds) : [],
      entryIds.length || approvalIds.length ? this.relay.entries(entryIds, approvalIds) : ([] as EntryRow[]),
    ]);
    const paymentById = new Map(payments.map((p) => [p.id, toPaymentDto(p)]));
    const entryById = new Map(entries.map((e) => [e.id, e]));
    const entryByClaim = new Map(entries.filter((e) => e.original_pending_id).map((e) => [e.original_pending_id!, e]));
    const deliveries: NewDelivery[] = [];
    /** One body per event, whichever endpoints want it. */
    const bodies = new Map<string, string>();
    for (const m of matches) {
      let data: unknown;
      let orderKey: string | null = m.payment_id;
      if (m.type === 'transaction.created') {
        const entry = m.transaction_id ? entryById.get(m.transaction_id) : entryByClaim.get(m.payment_id!);
        if (!entry) continue;
        data = toTransactionDto(entry);
        orderKey ??= entry.account_id;
      } else {
        const payment = paymentById.get(m.payment_id!);
        if (!payment) continue;
        data = paymentAtEvent(payment, m.type);
      }
      let body = bodies.get(m.position);
      if (body === undefined) bodies.set(m.position, (body = JSON.stringify({ type: m.type, timestamp: iso(m.at), data })));
      deliveries.push({
        endpoint_id: m.endpoint_id,
        business_id: m.business_id,
        message_id: newMessageId(),
        event_type: m.type,
        event_position: m.position,
        order_key: orderKey,
        body,
        send: false,
        held: m.held,
      });
    }
    return deliveries;
  }

  /**
   * Longer than an attempt can take, from its lease to its record: a wait for one of the endpoint's connections
   * behind the others queued, its own turn (each turn at most a connection's timeout and the attempt's, both the
   * configured timeout), and a second for the record.
   */
  private leaseMs(): number {
    return 2 * this.config.webhooks.timeoutMs * (QUEUE_PER_ENDPOINT / SOCKETS_PER_ENDPOINT + 1) + 1000;
  }

  /** Claims due attempts while there is room, and starts sending each. */
  private async claim(): Promise<void> {
    while (this.running && this.underway < MAX_IN_FLIGHT) {
      const room = Math.min(CLAIM_BATCH, MAX_IN_FLIGHT - this.underway);
      const endpointRoom = Object.fromEntries([...this.sendingTo].map(([id, n]) => [id, Math.max(0, QUEUE_PER_ENDPOINT - n)]));
      const token = randomUUID();
      const claimed = await this.relay.claimDue(room, this.leaseMs(), token, QUEUE_PER_ENDPOINT, endpointRoom);
      this.underway += claimed.length;
      this.send(claimed, token);
      if (claimed.length < room) break; // nothing more is due now (or only for endpoints that are busy)
    }
    this.recovered();
  }

  /** Starts an attempt of each leased delivery; each counts as under way until it is recorded. */
  private send(rows: ClaimedRow[], token: string): void {
    for (const row of rows) {
      this.sendingTo.set(row.endpoint_id, (this.sendingTo.get(row.endpoint_id) ?? 0) + 1);
      const sending = this.attempt(row, token).finally(() => {
        this.sending.delete(sending);
        const n = this.sendingTo.get(row.endpoint_id)! - 1;
        if (n > 0) this.sendingTo.set(row.endpoint_id, n);
        else this.sendingTo.delete(row.endpoint_id);
      });
      this.sending.add(sending);
    }
  }

  /**
   * Records what finished; each recorded attempt makes room, and may let the next delivery of its payment go. A
   * retry due before the next poll wakes the claims when it is due.
   */
  private async record(): Promise<void> {
    const batch = this.finished;
    this.finished = [];
    if (batch.length === 0) return;
    try {
      const lost = await this.relay.recordAttempts(batch, this.config.webhooks.disableAfterMs);
      for (const id of lost) this.logger.warn(`delivery ${id}: its lease ran out before the attempt was recorded`);
      const retries = batch.flatMap((a) => (a.verdict.status === 'pending' ? [a.verdict.retryInMs] : []));
      if (retries.length > 0) this.wakeIn(Math.min(...retries));
      this.recovered();
    } catch (error) {
      // The leases run out and the attempts are made again: at least once.
      this.logger.error(`cannot record ${batch.length} attempts (they will be made again): ${(error as Error).message}`);
    } finally {
      this.underway -= batch.length;
    }
    this.claimTask.trigger();
  }

  /** Claims again in `ms`, unless the poll comes first or a wake is set for sooner. */
  private wakeIn(ms: number): void {
    if (!this.running || ms >= this.config.eventsPollMs) return;
    const at = Date.now() + ms;
    if (this.wake && this.wakeAt <= at && this.wakeAt > Date.now()) return;
    clearTimeout(this.wake);
    this.wakeAt = at;
    this.wake = setTimeout(() => this.claimTask.trigger(), ms + 5).unref();
  }

  private async attempt(row: ClaimedRow, token: string): Promise<void> {
    const { allowHttp, allowPrivate, timeoutMs, retrySchedule } = this.config.webhooks;
    const started = performance.now();
    let outcome: AttemptOutcome;
    try {
      const target = await checkTarget(row.url, { allowHttp, allowPrivate });
      const secret = this.box.open(row.secret, row.business_id);
      const previous = row.previous_secret ? this.box.open(row.previous_secret, row.business_id) : null;
      if ('refusal' in target) {
        outcome = {
          statusCode: null,
          latencyMs: Math.round(performance.now() - started),
          error: `refused: ${target.refusal}`,
          responseBody: null,
        };
      } else if (secret === null) {
        // Not sent: unsigned, it would be refused anyway. Rotating the secret seals a new one with the current key.
        outcome = {
          statusCode: null,
          latencyMs: 0,
          error:
            'not sent: the endpoint’s secret cannot be read with this server’s key (WEBHOOK_SECRETS_KEY or JWT_SECRET changed); rotate the secret',
          responseBody: null,
        };
      } else {
        const timestamp = Math.floor(Date.now() / 1000);
        const secrets = previous ? [secret, previous] : [secret];
        const headers = {
          'webhook-id': row.message_id,
          'webhook-timestamp': String(timestamp),
          'webhook-signature': signatureHeader(secrets, row.message_id, timestamp, row.body),
        };
        outcome = await post(this.pools.of(row.endpoint_id, target), target, headers, row.body, timeoutMs);
      }
    } catch (error) {
      outcome = {
        statusCode: null,
        latencyMs: Math.round(performance.now() - started),
        error: (error as Error).message,
        responseBody: null,
      };
    }
    this.finished.push({ deliveryId: row.id, token, outcome, verdict: verdictOf(outcome, row.attempts, retrySchedule) });
    this.recordTask.trigger();
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
