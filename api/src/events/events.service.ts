import { TransactionHost } from '@nestjs-cls/transactional';
import { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { Inject, Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { Client } from 'pg';
import type { Principal } from '../auth/principal';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { DATABASE_TARGET, DatabaseTarget } from '../database/database-target';
import type { PaymentDto } from '../payments/dto/payment.dto';
import { toPaymentDto } from '../payments/payment.mapper';
import { tenantOf } from '../tenancy/tenant';
import { EventLogRepository, type LogRow } from './event-log.repository';
import { paymentAtEvent, type LiveEvent } from './live-events';
import { SerialTask, sleep } from './serial-task';

/**
 * Live payment events: an outbox, one sequencer, and a delivery cursor per API process.
 *
 * Why this shape (and not a NOTIFY per audit row, as before):
 * - Writers only insert. A trigger on `payment_events` adds an `event_log` row in the writer's own transaction,
 *   without a position. Nothing on the approval's path is shared between transactions: a NOTIFY there took a
 *   cluster-wide lock at every commit, held through the WAL flush, so approvals committed one at a time.
 * - Ids are taken at insert, but transactions commit in another order: a reader that remembers the highest id it
 *   saw skips a lower id committed after it. So ids never order delivery; `position` does. The sequencer gives
 *   positions, under a transaction-level advisory lock (one run at a time across all processes, each run's
 *   statement snapshot taken after the lock, so it sees everything committed before it), to the rows it sees
 *   without one, in id order. A row it sees is committed; a row committed later gets a higher position in a later
 *   run. So positions become visible in increasing order, and a reader that remembers the highest position it saw
 *   misses nothing. Two events of one payment are serialised by the payment's row lock: the later one commits after
 *   the earlier one, so it can only be sequenced with or after it, and positions keep each payment's order.
 *   A position is `max(position) + row_number()` under the lock: gapless, no sequence object to keep in step.
 * - Only the sequencer notifies (channel `event_log`, once per run that sequenced something, off every writer's
 *   path), so the other processes learn that positions moved. The process that committed nudges its own sequencer
 *   at once (`CommitNudge`, an interceptor after every successful write request, so no service has to remember
 *   to). A poll (`EVENTS_POLL_MS`) runs the sequencer and the delivery anyway: it covers writes from elsewhere (a
 *   script, a process that died before its nudge) and notifications lost while the listener was away.
 * - Each process delivers from its own cursor (`delivered`) everything with a higher position, in order, to the
 *   streams connected to it. The cursor is a position, never "now": a listener that reconnects reads on from it.
 * - A stream's SSE `id` is the position; `Last-Event-ID` replays `position > last` for the caller's audience.
 *   The consumers to come (webhooks, notifications) read the same log from positions of their own.
 * - Why a sequencer and not the other known designs. Logical decoding needs `wal_level = logical`, a replication
 *   slot per consumer (which keeps WAL without bound while a consumer is away) and replication privileges: server
 *   settings an application cannot assume, and the embedded database has none. A watermark from transaction ids
 *   (read only rows whose xid is below the oldest running snapshot's xmin) needs no extra writes, but one long
 *   transaction anywhere in the cluster holds every consumer back, and its positions are not gapless, so a
 *   consumer cannot tell a gap from a loss. The sequencer costs one short transaction per run, off every writer's
 *   path, gives dense positions in commit-visibility order, and is tested against forced out-of-order commits, a
 *   run killed while it holds the lock, a listener outage and a process killed under load (events-delivery.test).
 * - The embedded database (PGlite: one shared backend, no second connection to LISTEN on) runs the same sequencer
 *   and cursor without the listener: nudges and the poll drive it.
 */

const CHANNEL = 'event_log';
const BATCH = 1000;
/**
 * Pause before the sequencer runs again for commits made during its last run. A busy process commits hundreds of
 * events a second; one run each would cost a transaction and a notification apiece. Idle, a nudge runs at once.
 */
const SEQUENCER_REST_MS = 20;
/** Events per replay query; a replay reads page after page until it has everything. */
export const REPLAY_PAGE = 500;

/** Whose events a caller may see: the business's own, or the customer's own. */
export function audienceOf(principal: Principal): string {
  return principal.role === 'business' ? `b:${principal.businessId}` : `c:${principal.customerId}`;
}

export type Listener = (event: LiveEvent) => void;

const isPaymentEvent = (row: LogRow) => row.type.startsWith('payment.') && row.payment_id !== null;

@Injectable()
export class EventsService implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('Events');
  private readonly audiences = new Map<string, Set<Listener>>();
  /** Consumers reading the log from positions of their own (webhooks): told whenever positions may have moved. */
  private readonly watchers = new Set<() => void>();
  /** Every event up to this position has been handed to this process's subscribers. */
  private delivered = 0n;
  private listener: Client | null = null;
  private poll: NodeJS.Timeout | undefined;
  private running = false;
  private failing = false;
  private readonly sequencer = new SerialTask(
    () => this.sequence(),
    (error) => this.failed('sequence', error),
    SEQUENCER_REST_MS,
  );
  private readonly delivery = new SerialTask(
    () => this.deliver(),
    (error) => this.failed('deliver', error),
  );

  constructor(
    private readonly log: EventLogRepository,
    private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>,
    @Inject(DATABASE_TARGET) private readonly database: DatabaseTarget,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onModuleInit(): Promise<void> {
    if (this.database.connect === false) return;
    this.delivered = await this.latestPosition();
    this.running = true;
    if (!this.database.embedded) {
      await this.listen().catch((error: Error) => {
        this.logger.warn(`event listener cannot connect yet: ${error.message}`);
        void this.keepListening();
      });
    }
    this.poll = setInterval(() => this.tick(), this.config.eventsPollMs).unref();
    // Whatever a process that stopped before its nudge left unsequenced.
    this.sequencer.trigger();
  }

  async onModuleDestroy(): Promise<void> {
    this.running = false;
    clearInterval(this.poll);
    const listener = this.listener;
    this.listener = null;
    await listener?.end().catch(() => undefined);
    await Promise.all([this.sequencer.settled(), this.delivery.settled()]);
  }

  /** A transaction that may have written events committed: sequence them now, and deliver what that sequenced. */
  nudge(): void {
    if (this.running) this.sequencer.trigger();
  }

  /** The position this process has delivered up to: a stream that starts now misses nothing after it. */
  position(): bigint {
    return this.delivered;
  }

  /** How many listeners are subscribed (for the tests: a closed stream leaves none behind). */
  subscriptions(): number {
    let count = 0;
    for (const listeners of this.audiences.values()) count += listeners.size;
    return count;
  }

  subscribe(audience: string, listener: Listener): () => void {
    let listeners = this.audiences.get(audience);
    if (!listeners) this.audiences.set(audience, (listeners = new Set()));
    listeners.add(listener);
    return () => {
      listeners.delete(listener);
      if (listeners.size === 0 && this.audiences.get(audience) === listeners) this.audiences.delete(audience);
    };
  }

  /** The caller's events after `position`, oldest first, at most `limit`. */
  async replay(principal: Principal, position: bigint, limit = REPLAY_PAGE): Promise<LiveEvent[]> {
    const rows = await this.log.replay(tenantOf(principal), position, limit);
    return rows.map((row) => ({
      id: row.event_position,
      type: row.event_type,
      businessId: row.event_business_id,
      customerId: row.event_customer_id,
      payment: paymentAtEvent(toPaymentDto(row), row.event_type),
    }));
  }

  /** The highest position given so far (0 for an empty log). */
  latestPosition(): Promise<bigint> {
    return this.log.latestPosition();
  }

  private tick(): void {
    if (!this.running) return;
    this.sequencer.trigger();
    this.delivery.trigger();
  }

  private failed(what: string, error: unknown): void {
    if (this.failing) return;
    this.failing = true;
    this.logger.warn(`cannot ${what} events yet (the poll retries): ${(error as Error).message}`);
  }

  private recovered(): void {
    if (!this.failing) return;
    this.failing = false;
    this.logger.log('events flow again');
  }

  private async sequence(): Promise<void> {
    if (await this.log.anyUnsequenced()) {
      while ((await this.sequenceBatch()) === BATCH && this.running);
      this.delivery.trigger();
    }
    this.recovered();
  }

  /** Gives the next positions to committed, unsequenced events, in id order, one run at a time; returns how many. */
  private sequenceBatch(): Promise<number> {
    return this.txHost.withTransaction(async () => {
      await this.log.lockSequencer();
      const { count, upto } = await this.log.sequenceBatch(BATCH);
      if (count > 0 && upto && !this.database.embedded) await this.log.announce(CHANNEL, upto);
      return count;
    });
  }

  /** `watcher` is called whenever positions may have moved (a sequencer run, a notification, the poll). */
  watch(watcher: () => void): () => void {
    this.watchers.add(watcher);
    return () => this.watchers.delete(watcher);
  }

  /** Hands every event after the cursor, in position order, to the subscribers of its business and customer. */
  private async deliver(): Promise<void> {
    for (const watcher of this.watchers) watcher();
    for (;;) {
      if (this.audiences.size === 0) {
        // Nobody here to deliver to: move the cursor on without reading the events.
        const latest = await this.latestPosition();
        if (this.audiences.size > 0) continue; // someone subscribed meanwhile: deliver to them
        if (latest > this.delivered) this.delivered = latest;
        break;
      }
      const rows = await this.log.after(this.delivered, BATCH);
      // The log carries ledger entries too (`transaction.created`, for webhooks): the live stream is about payments.
      const wanted = rows.filter(
        (r) => isPaymentEvent(r) && (this.audiences.has(`b:${r.business_id}`) || this.audiences.has(`c:${r.customer_id}`)),
      );
      const payments = await this.paymentsById([...new Set(wanted.map((r) => r.payment_id!))]);
      for (const row of rows) {
        this.delivered = BigInt(row.position);
        if (!isPaymentEvent(row)) continue;
        const payment = payments.get(row.payment_id!);
        if (!payment) continue;
        this.dispatch({
          id: row.position,
          type: row.type,
          businessId: row.business_id,
          customerId: row.customer_id,
          payment: paymentAtEvent(payment, row.type),
        });
      }
      if (rows.length < BATCH || !this.running) break;
    }
    this.recovered();
  }

  private dispatch(event: LiveEvent): void {
    for (const audience of [`b:${event.businessId}`, `c:${event.customerId}`]) {
      for (const listener of this.audiences.get(audience) ?? []) {
        try {
          listener(event);
        } catch (error) {
          this.logger.warn(`a stream refused an event: ${(error as Error).message}`);
        }
      }
    }
  }

  private async paymentsById(ids: string[]): Promise<Map<string, PaymentDto>> {
    if (ids.length === 0) return new Map();
    const rows = await this.log.paymentsById(ids);
    return new Map(rows.map((row) => [row.id, toPaymentDto(row)]));
  }

  /** LISTEN on a connection of its own; once listening, catch up from the cursor (never from "now"). */
  private async listen(): Promise<void> {
    const client = new Client({ connectionString: this.database.url, application_name: 'khata-pay-events', keepAlive: true });
    client.on('notification', (message) => {
      if (message.channel === CHANNEL) this.delivery.trigger();
    });
    client.on('error', (error) => {
      if (this.listener === client) this.logger.warn(`event listener lost its connection: ${error.message}`);
      this.lost(client);
    });
    client.on('end', () => this.lost(client));
    try {
      await client.connect();
      await client.query(`LISTEN ${CHANNEL}`);
    } catch (error) {
      client.removeAllListeners('end');
      await client.end().catch(() => undefined);
      throw error;
    }
    if (!this.running) {
      await client.end().catch(() => undefined);
      return;
    }
    this.listener = client;
    this.delivery.trigger();
  }

  private lost(client: Client): void {
    if (this.listener !== client) return;
    this.listener = null;
    void this.keepListening();
  }

  /** The listening connection dropped (database restart, network): listen again, with backoff. */
  private async keepListening(): Promise<void> {
    for (let attempt = 1; this.running; attempt++) {
      try {
        await this.listen();
        this.logger.log('event listener reconnected');
        return;
      } catch (error) {
        this.logger.warn(`event listener cannot reconnect yet: ${(error as Error).message}`);
      }
      await sleep(Math.min(30_000, 250 * 2 ** attempt));
    }
  }
}
