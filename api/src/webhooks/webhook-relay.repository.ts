import { Injectable } from '@nestjs/common';
import { Database } from '../database/database';
import { GenerateSql, SAMPLE } from '../database/sql-catalogue';
import { TRANSACTION, TransactionRow } from '../transactions/transactions.repository';

const WHY = 'the relay fans out and delivers every tenant’s webhooks, each only to its own endpoints';

/** The event log consumer the relay reads as. */
const CONSUMER = 'webhooks';

/** An event log entry matched to an endpoint that wants it. */
export interface MatchRow {
  position: string;
  type: string;
  business_id: string;
  payment_id: string | null;
  transaction_id: string | null;
  at: Date;
  endpoint_id: string;
}

export type EntryRow = TransactionRow & { customer_id: string };

export interface NewDelivery {
  endpoint_id: string;
  business_id: string;
  message_id: string;
  event_type: string;
  event_position: string;
  order_key: string | null;
  body: string;
}

/** An attempt the relay holds the lease of. */
export interface ClaimedRow {
  id: string;
  endpoint_id: string;
  message_id: string;
  body: string;
  attempts: number;
  url: string;
  secret: string;
  previous_secret: string | null;
}

export interface AttemptRecord {
  statusCode: number | null;
  latencyMs: number;
  error: string | null;
  responseBody: string | null;
}

/** What became of a delivery after an attempt: retried at `retryInMs`, or finished as `status`. */
export type AttemptVerdict =
  { status: 'delivered' } | { status: 'pending'; retryInMs: number } | { status: 'failed'; disableEndpoint: string | null };

/**
 * The relay's statements: the webhooks consumer's position in the event log, the fan-out into deliveries, and the
 * claiming and recording of attempts. None is one tenant's: the relay works for all of them.
 */
@Injectable()
export class WebhookRelayRepository {
  constructor(private readonly db: Database) {}

  /**
   * The consumer's position, locked for the rest of the caller's transaction (one fan-out at a time across every
   * process); null when another process holds it (it is fanning out: nothing to do here).
   */
  @GenerateSql()
  async lockPosition(): Promise<bigint | null> {
    const row = await this.db
      .system(WHY)
      .one<{ position: string }>(`SELECT position::text AS position FROM event_consumers WHERE name = :name FOR UPDATE SKIP LOCKED`, {
        name: CONSUMER,
      });
    return row ? BigInt(row.position) : null;
  }

  @GenerateSql({ params: [0n] })
  async movePosition(position: bigint): Promise<void> {
    await this.db.system(WHY).rows(`UPDATE event_consumers SET position = :position WHERE name = :name`, {
      position: position.toString(),
      name: CONSUMER,
    });
  }

  /** Positions are gapless: the batch after `from` ends at `from + batch` or at the last position given. */
  @GenerateSql({ params: [0n, 500] })
  async batchEnd(from: bigint, batch: number): Promise<bigint> {
    const row = await this.db
      .system(WHY)
      .one<{ upto: string }>(`SELECT least(:from::bigint + :batch, coalesce(max(position), 0))::text AS upto FROM event_log`, {
        from: from.toString(),
        batch,
      });
    return BigInt(row!.upto);
  }

  /** The entries in (from, upto], each with every enabled endpoint of its business subscribed to its type. */
  @GenerateSql({ params: [0n, 500n] })
  matches(from: bigint, upto: bigint): Promise<MatchRow[]> {
    return this.db.system(WHY).rows<MatchRow>(
      `SELECT e.position::text AS position, e.type, e.business_id, e.payment_id, e.transaction_id, e.at, w.id AS endpoint_id
         FROM event_log e
         JOIN webhook_endpoints w ON w.business_id = e.business_id AND e.type = ANY(w.events) AND w.disabled_at IS NULL
        WHERE e.position > :from AND e.position <= :upto
        ORDER BY e.position, w.id`,
      { from: from.toString(), upto: upto.toString() },
    );
  }

  /** Ledger entries by id, and the entries of approved claims by the claim. */
  @GenerateSql({ params: [[SAMPLE.id], [SAMPLE.id]] })
  entries(ids: string[], paymentIds: string[]): Promise<EntryRow[]> {
    return this.db.system(WHY).rows<EntryRow>(
      `SELECT ${TRANSACTION.select()}, t.customer_id FROM transactions t
        WHERE t.id = ANY(:ids::uuid[]) OR t.original_pending_id = ANY(:paymentIds::uuid[])`,
      { ids, paymentIds },
    );
  }

  @GenerateSql({
    params: [
      [
        {
          endpoint_id: SAMPLE.id,
          business_id: SAMPLE.id,
          message_id: 'msg_sample',
          event_type: 'payment.created',
          event_position: '1',
          order_key: SAMPLE.id,
          body: '{}',
        },
      ],
    ],
  })
  async insertDeliveries(deliveries: NewDelivery[]): Promise<void> {
    if (deliveries.length === 0) return;
    await this.db.system(WHY).rows(
      `INSERT INTO webhook_deliveries (endpoint_id, business_id, message_id, event_type, event_position, order_key, body)
       SELECT x.endpoint_id, x.business_id, x.message_id, x.event_type, x.event_position, x.order_key, x.body
         FROM jsonb_to_recordset(:deliveries::jsonb) AS x(endpoint_id uuid, business_id uuid, message_id text, event_type text,
                                                          event_position bigint, order_key uuid, body text)`,
      { deliveries: JSON.stringify(deliveries) },
    );
  }

  /**
   * Up to `limit` due attempts, each leased to `token` until `leaseMs` from now (FOR UPDATE SKIP LOCKED: two relays
   * never claim one delivery; a relay that dies leaves the lease to run out, and another sends it again). A delivery
   * waits while an earlier one of its payment (or account) for the same endpoint is not yet delivered or failed.
   */
  @GenerateSql({ params: [10, 30_000, SAMPLE.id] })
  claimDue(limit: number, leaseMs: number, token: string): Promise<ClaimedRow[]> {
    return this.db.system(WHY).rows<ClaimedRow>(
      `WITH due AS (
         SELECT d.id FROM webhook_deliveries d
           JOIN webhook_endpoints w ON w.id = d.endpoint_id AND w.disabled_at IS NULL
          WHERE d.status = 'pending' AND d.next_attempt_at <= now()
            AND NOT EXISTS (
              SELECT 1 FROM webhook_deliveries p
               WHERE p.endpoint_id = d.endpoint_id AND p.order_key = d.order_key AND p.status = 'pending'
                 AND p.event_position < d.event_position)
          ORDER BY d.next_attempt_at, d.event_position NULLS FIRST
          LIMIT :limit
          FOR UPDATE OF d SKIP LOCKED
       )
       UPDATE webhook_deliveries d
          SET lease_token = :token, attempts = d.attempts + 1, next_attempt_at = now() + :leaseMs::int * interval '1 millisecond'
         FROM due, webhook_endpoints w
        WHERE d.id = due.id AND w.id = d.endpoint_id
       RETURNING d.id, d.endpoint_id, d.message_id, d.body, d.attempts, w.url, w.secret,
                 CASE WHEN w.previous_secret_expires_at > now() THEN w.previous_secret END AS previous_secret`,
      { limit, leaseMs, token },
    );
  }

  /**
   * Writes the attempt into the delivery log and what follows from it: the delivery delivered, retried or failed
   * (only while `token` still holds the lease), the endpoint's failure streak, and its disablement (410, or
   * failing for longer than `disableAfterMs`). Returns false when the lease had passed to another relay.
   */
  @GenerateSql({
    params: [
      SAMPLE.id,
      SAMPLE.id,
      { statusCode: 500, latencyMs: 12, error: null, responseBody: 'oops' },
      { status: 'pending', retryInMs: 5000 },
      432_000_000,
    ],
  })
  async recordAttempt(
    deliveryId: string,
    token: string,
    attempt: AttemptRecord,
    verdict: AttemptVerdict,
    disableAfterMs: number,
  ): Promise<boolean> {
    const row = await this.db.system(WHY).one<{ updated: number }>(
      `WITH attempt AS (
         INSERT INTO webhook_attempts (delivery_id, status_code, latency_ms, error, response_body)
         SELECT d.id, :statusCode::int, :latencyMs::int, left(:error::text, 500), :responseBody::text FROM webhook_deliveries d WHERE d.id = :deliveryId
         RETURNING delivery_id
       ), delivery AS (
         UPDATE webhook_deliveries d
            SET status = :status::text, lease_token = NULL,
                next_attempt_at = CASE WHEN :status::text = 'pending' THEN now() + :retryInMs::int * interval '1 millisecond' ELSE d.next_attempt_at END
          WHERE d.id = :deliveryId AND d.lease_token = :token
         RETURNING d.endpoint_id
       ), endpoint AS (
         UPDATE webhook_endpoints w
            SET failing_since = CASE WHEN :status::text = 'delivered' THEN NULL ELSE coalesce(w.failing_since, now()) END,
                disabled_at = CASE
                  WHEN w.disabled_at IS NOT NULL THEN w.disabled_at
                  WHEN :disable::text IS NOT NULL THEN now()
                  WHEN :status::text <> 'delivered' AND w.failing_since < now() - :disableAfterMs::bigint * interval '1 millisecond' THEN now()
                END,
                disabled_reason = CASE
                  WHEN w.disabled_at IS NOT NULL THEN w.disabled_reason
                  WHEN :disable::text IS NOT NULL THEN :disable::text
                  WHEN :status::text <> 'delivered' AND w.failing_since < now() - :disableAfterMs::bigint * interval '1 millisecond'
                    THEN 'Every attempt failed since ' || to_char(w.failing_since AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI') || ' UTC'
                END
          WHERE w.id = (SELECT endpoint_id FROM delivery)
       )
       SELECT (SELECT count(*) FROM delivery)::int AS updated, (SELECT count(*) FROM attempt)::int AS logged`,
      {
        deliveryId,
        token,
        statusCode: attempt.statusCode,
        latencyMs: attempt.latencyMs,
        error: attempt.error,
        responseBody: attempt.responseBody,
        status: verdict.status,
        retryInMs: verdict.status === 'pending' ? verdict.retryInMs : 0,
        disable: verdict.status === 'failed' ? verdict.disableEndpoint : null,
        disableAfterMs,
      },
    );
    return row!.updated > 0;
  }

  /** When the next pending delivery of an enabled endpoint falls due (null when none is waiting for a time). */
  @GenerateSql()
  async nextDue(): Promise<Date | null> {
    const row = await this.db.system(WHY).one<{ due: Date | null }>(
      `SELECT min(d.next_attempt_at) AS due FROM webhook_deliveries d
         JOIN webhook_endpoints w ON w.id = d.endpoint_id AND w.disabled_at IS NULL
        WHERE d.status = 'pending' AND d.next_attempt_at > now()`,
    );
    return row?.due ?? null;
  }
}
