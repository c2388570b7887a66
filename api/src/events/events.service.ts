import { Inject, Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import type { Principal } from '../auth/principal';
import { PAYMENT_COLUMNS, PaymentRow, toPaymentDto } from '../payments/payments.sql';
import { DATABASE_TARGET, DatabaseTarget } from '../database/database-target';
import { EVENT_TYPES, LiveEvent } from './live-events';

const EVENT_SELECT = `
  SELECT e.id::text AS event_id, e.type AS event_type, e.business_id AS event_business_id, e.customer_id AS event_customer_id,
         ${PAYMENT_COLUMNS}
    FROM payment_events e
    JOIN pending_payments p ON p.transaction_id = e.payment_id
    JOIN businesses b ON b.id = p.business_id
    JOIN customers c ON c.id = p.customer_id`;

const REPLAY_LIMIT = 500;

type EventRow = PaymentRow & { event_id: string; event_type: string; event_business_id: string; event_customer_id: string };

function toLiveEvent(row: EventRow): LiveEvent {
  return {
    id: row.event_id,
    type: EVENT_TYPES[row.event_type],
    businessId: row.event_business_id,
    customerId: row.event_customer_id,
    payment: toPaymentDto(row),
  };
}

/** Whose events a caller may see: the business's own, or the customer's own. */
export function audienceOf(principal: Principal): string {
  return principal.role === 'business' ? `b:${principal.businessId}` : `c:${principal.customerId}`;
}

export type Listener = (event: LiveEvent) => void;

/**
 * Delivers payment events to the connected users entitled to them.
 *
 * On PostgreSQL every inserted audit event is announced with NOTIFY (a trigger), so a change made through any API
 * process reaches browsers connected to every other process; this process LISTENs on a connection of its own and
 * fetches the announced events by id. The embedded database has one shared backend, so there is no second
 * connection to LISTEN on: there the services call `changed()` after each commit (an in-process bus) and the
 * events after the last one seen are fetched; its transactions are serial, so ids arrive in order.
 */
@Injectable()
export class EventsService implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('Events');
  private readonly listeners = new Map<string, Set<Listener>>();
  private listener: Client | null = null;
  private stopped = false;
  private lastSeen = '0';
  private announced: string[] = [];
  private draining: Promise<void> | null = null;
  private drainAgain = false;

  constructor(
    private readonly dataSource: DataSource,
    @Inject(DATABASE_TARGET) private readonly database: DatabaseTarget,
  ) {}

  async onModuleInit(): Promise<void> {
    if (this.database.connect === false) return;
    if (this.database.embedded) {
      const [row] = await this.dataSource.query(`SELECT coalesce(max(id), 0)::text AS id FROM payment_events`);
      this.lastSeen = row.id;
    } else {
      await this.listen();
    }
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    await this.listener?.end().catch(() => undefined);
  }

  /** Called after a commit that wrote audit events. Only the embedded database needs it. */
  changed(): void {
    if (this.database.embedded) this.scheduleDrain();
  }

  subscribe(audience: string, listener: Listener): () => void {
    let set = this.listeners.get(audience);
    if (!set) this.listeners.set(audience, (set = new Set()));
    set.add(listener);
    return () => {
      set.delete(listener);
      if (set.size === 0) this.listeners.delete(audience);
    };
  }

  /** What the caller missed after `lastEventId` (a reconnecting client), oldest first. */
  async replay(principal: Principal, lastEventId: string): Promise<LiveEvent[]> {
    const column = principal.role === 'business' ? 'e.business_id' : 'e.customer_id';
    const rows: EventRow[] = await this.dataSource.query(
      `${EVENT_SELECT} WHERE ${column} = $1 AND e.id > $2 ORDER BY e.id LIMIT ${REPLAY_LIMIT}`,
      [principal.businessId ?? principal.customerId, lastEventId],
    );
    return rows.map(toLiveEvent);
  }

  private async listen(): Promise<void> {
    const client = new Client({ connectionString: this.database.url, application_name: 'khata-pay-events', keepAlive: true });
    client.on('notification', (message) => {
      if (message.channel !== 'payment_events' || !message.payload) return;
      this.announced.push(message.payload);
      this.scheduleDrain();
    });
    client.on('error', (error) => {
      this.logger.warn(`event listener lost its connection: ${error.message}`);
      void this.relisten(client);
    });
    client.on('end', () => void this.relisten(client));
    await client.connect();
    await client.query('LISTEN payment_events');
    this.listener = client;
  }

  /** The listening connection dropped (database restart, network): listen again, with backoff. */
  private async relisten(lost: Client): Promise<void> {
    if (this.stopped || this.listener !== lost) return;
    this.listener = null;
    for (let attempt = 1; !this.stopped; attempt++) {
      await new Promise((resolve) => setTimeout(resolve, Math.min(30_000, 250 * 2 ** attempt)));
      try {
        await this.listen();
        this.logger.log('event listener reconnected');
        return;
      } catch (error) {
        this.logger.warn(`event listener cannot reconnect yet: ${(error as Error).message}`);
      }
    }
  }

  private scheduleDrain(): void {
    if (this.draining) {
      this.drainAgain = true;
      return;
    }
    this.draining = this.drain()
      .catch((error: unknown) => this.logger.warn(`cannot deliver events: ${(error as Error).message}`))
      .finally(() => {
        this.draining = null;
        if (this.drainAgain) {
          this.drainAgain = false;
          this.scheduleDrain();
        }
      });
  }

  private async drain(): Promise<void> {
    let rows: EventRow[];
    if (this.database.embedded) {
      rows = await this.dataSource.query(`${EVENT_SELECT} WHERE e.id > $1 ORDER BY e.id LIMIT 1000`, [this.lastSeen]);
      if (rows.length === 1000) this.drainAgain = true;
    } else {
      const ids = this.announced.splice(0, 1000);
      if (this.announced.length > 0) this.drainAgain = true;
      // Nobody connected to this process: nothing to fetch (a reconnecting client replays from the table).
      if (ids.length === 0 || this.listeners.size === 0) return;
      rows = await this.dataSource.query(`${EVENT_SELECT} WHERE e.id = ANY($1::bigint[]) ORDER BY e.id`, [ids]);
    }
    for (const row of rows) {
      const event = toLiveEvent(row);
      this.lastSeen = event.id;
      if (this.listeners.size === 0) continue;
      for (const audience of [`b:${event.businessId}`, `c:${event.customerId}`]) {
        for (const listener of this.listeners.get(audience) ?? []) listener(event);
      }
    }
  }
}
