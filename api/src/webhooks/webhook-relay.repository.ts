import { Injectable } from '@nestjs/common';
import { Database } from '../database/database';
import { GenerateSql, SAMPLE } from '../database/sql-catalogue';
import { TRANSACTION, TransactionRow } from '../transactions/transactions.repository';

const WHY = 'the relay fans out and delivers every tenant’s webhooks, each only to its own endpoints';

/** The event log consumer the relay reads as. */
const CONSUMER = 'webhooks';

/**
 * Makes the statement's own transaction commit without waiting for its WAL flush (`synchronous_commit = off` for
 * that transaction only). For claims and attempt records, which a relay makes hundreds of times a second, so that
 * they do not queue for the disk beside the approvals. Safe because both are redone after a crash: a claim lost
 * leaves its attempt claimable again, an attempt's record lost has it sent again with the same `webhook-id` (at
 * least once); a crash can cost the delivery log the record of an attempt made in its last moments. The fan-out,
 * which fixes each message's id, commits durably before any of its messages is sent.
 */
const RELAXED_COMMIT = `set_config('synchronous_commit', 'off', true) IS NOT NULL`;

/** What a relay needs to send a leased delivery (`d`) to its endpoint (`w`): one ClaimedRow, from a claim or a fan-out. */
const CLAIMED = `d.id, d.endpoint_id, d.business_id, d.message_id, d.body, d.attempts, w.url, w.secret,
  CASE WHEN w.previous_secret_expires_at > now() THEN w.previous_secret END AS previous_secret`;

/** An event log entry matched to an endpoint that wants it. */
export interface MatchRow {
  position: string;
  type: string;
  business_id: string;
  payment_id: string | null;
  transaction_id: string | null;
  at: Date;
  endpoint_id: string;
  /** The endpoint is off: the delivery waits until it is turned on again. */
  held: boolean;
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
  /** Send it at once, if nothing earlier of its payment is pending for the endpoint (the fan-out's relay has room). */
  send: boolean;
  /** Its endpoint is off: never sent at once (the claims skip it too until the endpoint is on again). */
  held: boolean;
}

/** An attempt the relay holds the lease of. */
export interface ClaimedRow {
  id: string;
  endpoint_id: string;
  business_id: string;
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

/** An attempt made under the lease `token`, with its outcome and what it means for the delivery. */
export interface FinishedAttempt {
  deliveryId: string;
  token: string;
  outcome: AttemptRecord;
  verdict: AttemptVerdict;
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
   * The consumer's position and the end of its next batch of at most `batch` entries (positions are gapless: it ends
   * at `from + batch` or at the last position given), the position locked for the rest of the caller's transaction
   * (one fan-out at a time across every process); null when another process holds it (it is fanning out).
   */
  @GenerateSql({ params: [500] })
  async lockBatch(batch: number): Promise<{ from: bigint; upto: bigint } | null> {
    const row = await this.db.system(WHY).one<{ from: string; upto: string }>(
      `SELECT c.position::text AS "from",
              least(c.position + :batch, (SELECT coalesce(max(e.position), 0) FROM event_log e))::text AS upto
         FROM event_consumers c WHERE c.name = :name
          FOR UPDATE OF c SKIP LOCKED`,
      { name: CONSUMER, batch },
    );
    return row ? { from: BigInt(row.from), upto: BigInt(row.upto) } : null;
  }

  @GenerateSql({ params: [0n] })
  async movePosition(position: bigint): Promise<void> {
    await this.db.system(WHY).rows(`UPDATE event_consumers SET position = :position WHERE name = :name`, {
      position: position.toString(),
      name: CONSUMER,
    });
  }

  /**
   * The entries in (from, upto], each with every endpoint of its business subscribed to its type. An endpoint that is
   * off (paused by the owner, or turned off by a 410 or by failing for days) gets its deliveries all the same, `held`:
   * they wait, unclaimed, and go out in order when it is turned on again; nothing that happened meanwhile is lost.
   */
  @GenerateSql({ params: [0n, 500n] })
  matches(from: bigint, upto: bigint): Promise<MatchRow[]> {
    return this.db.system(WHY).rows<MatchRow>(
      `SELECT e.position::text AS position, e.type, e.business_id, e.payment_id, e.transaction_id, e.at, w.id AS endpoint_id,
              w.disabled_at IS NOT NULL AS held
         FROM event_log e
         JOIN webhook_endpoints w ON w.business_id = e.business_id AND e.type = ANY(w.events)
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

  /**
   * Writes the deliveries and moves the consumer's position to `position` (their batch's end), and leases to `token` at once, for their first attempt, those marked `send` whose payment
   * (or account) has no earlier delivery to the same endpoint still pending: the relay that fans out sends them
   * straight away, without claiming them again. The others wait for a claim (in order per payment). Returns the
   * leased ones, as a claim would.
   */
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
          send: true,
          held: false,
        },
      ],
      30_000,
      SAMPLE.id,
      1n,
    ],
  })
  async insertDeliveries(deliveries: NewDelivery[], leaseMs: number, token: string, position: bigint): Promise<ClaimedRow[]> {
    if (deliveries.length === 0) {
      await this.movePosition(position);
      return [];
    }
    return this.db.system(WHY).rows<ClaimedRow>(
      `WITH x AS (
         SELECT x.*, x.send AND NOT EXISTS (
                  SELECT 1 FROM webhook_deliveries p
                   WHERE p.endpoint_id = x.endpoint_id AND p.order_key = x.order_key AND p.status = 'pending') AS leased
           FROM jsonb_to_recordset(:deliveries::jsonb) AS x(endpoint_id uuid, business_id uuid, message_id text, event_type text,
                                                            event_position bigint, order_key uuid, body text, send boolean)
       ), d AS (
         INSERT INTO webhook_deliveries AS d (endpoint_id, business_id, message_id, event_type, event_position, order_key, body,
                                              attempts, lease_token, next_attempt_at)
         SELECT x.endpoint_id, x.business_id, x.message_id, x.event_type, x.event_position, x.order_key, x.body,
                CASE WHEN x.leased THEN 1 ELSE 0 END, CASE WHEN x.leased THEN :token::uuid END,
                CASE WHEN x.leased THEN now() + :leaseMs::int * interval '1 millisecond' ELSE now() END
           FROM x
         RETURNING d.id, d.endpoint_id, d.business_id, d.message_id, d.body, d.attempts, d.lease_token
       ), moved AS (
         UPDATE event_consumers SET position = :position WHERE name = :name
       )
       SELECT ${CLAIMED}
         FROM d JOIN webhook_endpoints w ON w.id = d.endpoint_id
        WHERE d.lease_token IS NOT NULL`,
      { deliveries: JSON.stringify(deliveries), leaseMs, token, position: position.toString(), name: CONSUMER },
    );
  }

  /**
   * Up to `limit` due attempts, each leased to `token` until `leaseMs` from now (FOR UPDATE SKIP LOCKED: two relays
   * never claim one delivery; a relay that dies leaves the lease to run out, and another sends it again). A delivery
   * waits while an earlier one of its payment (or account) for the same endpoint is not yet delivered or failed.
   * At most `perEndpoint` per endpoint, or its `room` (what the relay can still send it at once); the oldest due first.
   *
   * Per endpoint, so that a claim costs what it takes, not what is waiting: `busy` walks the endpoints that have
   * pending deliveries (one step of the pending index per endpoint), and from each enabled one with room the claim
   * reads only as many due deliveries as that room, in the index's order. One endpoint's backlog (a slow receiver, a
   * burst) is then never read by the claims that cannot send it, and holds up no other endpoint's deliveries.
   */
  @GenerateSql({ params: [10, 30_000, SAMPLE.id, 16, { [SAMPLE.id]: 3 }] })
  claimDue(limit: number, leaseMs: number, token: string, perEndpoint: number, room: Record<string, number>): Promise<ClaimedRow[]> {
    return this.db.system(WHY).rows<ClaimedRow>(
      `WITH RECURSIVE busy AS (
         (SELECT d.endpoint_id FROM webhook_deliveries d WHERE d.status = 'pending' ORDER BY d.endpoint_id LIMIT 1)
         UNION ALL
         SELECT (SELECT d.endpoint_id FROM webhook_deliveries d
                  WHERE d.status = 'pending' AND d.endpoint_id > busy.endpoint_id ORDER BY d.endpoint_id LIMIT 1)
           FROM busy WHERE busy.endpoint_id IS NOT NULL
       ), due AS (
         SELECT d.id FROM busy
           JOIN webhook_endpoints w ON w.id = busy.endpoint_id AND w.disabled_at IS NULL
           CROSS JOIN LATERAL (
             SELECT d.id, d.next_attempt_at, d.event_position FROM webhook_deliveries d
              WHERE d.endpoint_id = w.id AND d.status = 'pending' AND d.next_attempt_at <= now()
                AND NOT EXISTS (
                  SELECT 1 FROM webhook_deliveries p
                   WHERE p.endpoint_id = d.endpoint_id AND p.order_key = d.order_key AND p.status = 'pending'
                     AND p.event_position < d.event_position)
              ORDER BY d.next_attempt_at, d.event_position
              LIMIT least(greatest(coalesce((:room::jsonb ->> w.id::text)::int, :perEndpoint), 0), :limit)
              FOR UPDATE OF d SKIP LOCKED
           ) d
          ORDER BY d.next_attempt_at, d.event_position
          LIMIT :limit
       )
       UPDATE webhook_deliveries d
          SET lease_token = :token, attempts = d.attempts + 1, next_attempt_at = now() + :leaseMs::int * interval '1 millisecond'
         FROM due, webhook_endpoints w
        WHERE d.id = due.id AND w.id = d.endpoint_id
       RETURNING ${CLAIMED},
                 ${RELAXED_COMMIT} AS relaxed`,
      { limit, leaseMs, token, perEndpoint, room: JSON.stringify(room) },
    );
  }

  /**
   * The deliveries table's live rows (the statistics system's running count) beside the planner's estimate of them
   * (`reltuples` from the last ANALYZE; -1 before the first): see WebhookRelay.keepStatisticsTrue.
   */
  @GenerateSql()
  async deliveryStatistics(): Promise<{ live: number; estimated: number }> {
    const row = await this.db.system(WHY).one<{ live: number; estimated: number }>(
      `SELECT s.n_live_tup::float8 AS live, c.reltuples::float8 AS estimated
         FROM pg_class c JOIN pg_stat_user_tables s ON s.relid = c.oid
        WHERE c.oid = 'webhook_deliveries'::regclass`,
    );
    return row ?? { live: 0, estimated: -1 };
  }

  @GenerateSql()
  async analyzeDeliveries(): Promise<void> {
    await this.db.system(WHY).rows(`ANALYZE webhook_deliveries`);
  }

  /**
   * Writes attempts into the delivery log, and what follows from each: its delivery delivered, retried or failed
   * (only while the attempt's token still holds the lease), and per endpoint its failure streak (from its latest
   * attempt here) and its disablement (410, or failing for longer than `disableAfterMs`). One statement for every
   * attempt a relay finished meanwhile: at hundreds of deliveries a second, one per attempt would queue on the
   * endpoint's row. The endpoint is written only when its state changes (a success on a healthy endpoint does not).
   * Returns the deliveries whose lease had passed to another relay.
   */
  @GenerateSql({
    params: [
      [
        {
          deliveryId: SAMPLE.id,
          token: SAMPLE.id,
          outcome: { statusCode: 500, latencyMs: 12, error: null, responseBody: 'oops' },
          verdict: { status: 'pending', retryInMs: 5000 },
        },
      ],
      432_000_000,
    ],
  })
  async recordAttempts(attempts: FinishedAttempt[], disableAfterMs: number): Promise<string[]> {
    if (attempts.length === 0) return [];
    const rows = await this.db.system(WHY).rows<{ id: string; held: boolean }>(
      `WITH x AS (
         SELECT * FROM jsonb_to_recordset(:attempts::jsonb)
             AS x(seq int, delivery_id uuid, token uuid, status_code int, latency_ms int, error text, response_body text,
                  status text, retry_in_ms int, disable text)
       ), attempt AS (
         INSERT INTO webhook_attempts (delivery_id, status_code, latency_ms, error, response_body)
         SELECT x.delivery_id, x.status_code, x.latency_ms, left(x.error, 500), x.response_body
           FROM x JOIN webhook_deliveries d ON d.id = x.delivery_id
          WHERE d.id = ANY(:ids::uuid[])
          ORDER BY x.seq
       ), delivery AS (
         UPDATE webhook_deliveries d
            SET status = x.status, lease_token = NULL,
                next_attempt_at = CASE WHEN x.status = 'pending' THEN now() + x.retry_in_ms * interval '1 millisecond' ELSE d.next_attempt_at END
           FROM x
          WHERE d.id = ANY(:ids::uuid[]) AND d.id = x.delivery_id AND d.lease_token = x.token
         RETURNING d.id, d.endpoint_id
       ), latest AS (
         SELECT DISTINCT ON (d.endpoint_id) d.endpoint_id, x.status,
                (SELECT y.disable FROM x y JOIN delivery e ON e.id = y.delivery_id
                  WHERE e.endpoint_id = d.endpoint_id AND y.disable IS NOT NULL ORDER BY y.seq LIMIT 1) AS disable
           FROM delivery d JOIN x ON x.delivery_id = d.id
          ORDER BY d.endpoint_id, x.seq DESC
       ), next AS (
         SELECT w.id, w.failing_since, w.disabled_at,
                CASE WHEN l.status = 'delivered' THEN NULL ELSE coalesce(w.failing_since, now()) END AS new_failing_since,
                CASE
                  WHEN w.disabled_at IS NOT NULL THEN NULL
                  WHEN l.disable IS NOT NULL THEN l.disable
                  WHEN l.status <> 'delivered' AND w.failing_since < now() - :disableAfterMs::bigint * interval '1 millisecond'
                    THEN 'Every attempt failed since ' || to_char(w.failing_since AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI') || ' UTC'
                END AS new_disabled_reason
           FROM latest l JOIN webhook_endpoints w ON w.id = l.endpoint_id
       ), endpoint AS (
         UPDATE webhook_endpoints w
            SET failing_since = n.new_failing_since,
                disabled_at = CASE WHEN n.new_disabled_reason IS NOT NULL THEN now() ELSE w.disabled_at END,
                disabled_reason = coalesce(n.new_disabled_reason, w.disabled_reason)
           FROM next n
          WHERE w.id = n.id AND (n.new_failing_since IS DISTINCT FROM n.failing_since OR n.new_disabled_reason IS NOT NULL)
       )
       SELECT x.delivery_id::text AS id, EXISTS (SELECT 1 FROM delivery d WHERE d.id = x.delivery_id) AS held,
              ${RELAXED_COMMIT} AS relaxed
         FROM x`,
      {
        attempts: JSON.stringify(
          attempts.map((a, seq) => ({
            seq,
            delivery_id: a.deliveryId,
            token: a.token,
            status_code: a.outcome.statusCode,
            latency_ms: a.outcome.latencyMs,
            error: a.outcome.error,
            response_body: a.outcome.responseBody,
            status: a.verdict.status,
            retry_in_ms: a.verdict.status === 'pending' ? a.verdict.retryInMs : 0,
            disable: a.verdict.status === 'failed' ? a.verdict.disableEndpoint : null,
          })),
        ),
        // The ids again as an array: the planner then looks each one up by its key (it cannot count the JSON's rows).
        ids: attempts.map((a) => a.deliveryId),
        disableAfterMs,
      },
    );
    return rows.filter((r) => !r.held).map((r) => r.id);
  }

  /** Endpoints with a secret stored before secrets were sealed (development databases of earlier versions). */
  @GenerateSql()
  unsealedSecrets(): Promise<{ id: string; business_id: string; secret: string; previous_secret: string | null }[]> {
    return this.db.system(WHY).rows(
      `SELECT w.id, w.business_id, w.secret, w.previous_secret FROM webhook_endpoints w
        WHERE w.secret NOT LIKE 'enc1:%' OR w.previous_secret NOT LIKE 'enc1:%'`,
    );
  }

  /** Replaces an endpoint's secrets by their sealed form, unless they changed meanwhile (a rotation wins). */
  @GenerateSql({ params: [SAMPLE.id, 'whsec_a', 'enc1:a', null, null] })
  async sealSecrets(id: string, secret: string, sealed: string, previous: string | null, previousSealed: string | null): Promise<void> {
    await this.db.system(WHY).rows(
      `UPDATE webhook_endpoints SET secret = :sealed, previous_secret = :previousSealed
        WHERE id = :id AND secret = :secret AND previous_secret IS NOT DISTINCT FROM :previous`,
      { id, secret, sealed, previous, previousSealed },
    );
  }
}
