import { Injectable } from '@nestjs/common';
import { Database } from '../database/database';
import { GenerateSql, SAMPLE } from '../database/sql-catalogue';
import type { KeysetPosition } from '../pagination/pagination';
import { type BusinessTenant, ownedBy } from '../tenancy/tenant';
import type { WebhookDeliveryStatus } from './entities/webhook-delivery.entity';

/** An endpoint as the API shows it (`w` webhook_endpoints). */
export interface EndpointRow {
  id: string;
  url: string;
  events: string[];
  disabled_at: Date | null;
  disabled_reason: string | null;
  failing_since: Date | null;
  previous_secret_expires_at: Date | null;
  created_at: Date;
}

const ENDPOINT = `w.id, w.url, w.events, w.disabled_at, w.disabled_reason, w.failing_since,
  CASE WHEN w.previous_secret_expires_at > now() THEN w.previous_secret_expires_at END AS previous_secret_expires_at, w.created_at`;

export interface DeliveryRow {
  id: string;
  message_id: string;
  event_type: string;
  status: WebhookDeliveryStatus;
  attempts: number;
  next_attempt_at: Date;
  created_at: Date;
  cursor_at: string;
}

const DELIVERY = `d.id, d.message_id, d.event_type, d.status, d.attempts, d.next_attempt_at, d.created_at, d.created_at::text AS cursor_at`;

export interface AttemptRow {
  delivery_id: string;
  at: Date;
  status_code: number | null;
  latency_ms: number;
  error: string | null;
  response_body: string | null;
}

/** The most endpoints one business may have (each event is sent to each: a bound on the fan-out). */
export const MAX_ENDPOINTS = 10;

/** A business's webhook endpoints and their delivery log. Every statement is the business's own. */
@Injectable()
export class WebhooksRepository {
  constructor(private readonly db: Database) {}

  /** Only under createEndpointIfRoom's lock (the catalogue shows it there). */
  private async countEndpoints(tenant: BusinessTenant): Promise<number> {
    const row = await this.db
      .tenant(tenant)
      .one<{ n: number }>(`SELECT count(*)::int AS n FROM webhook_endpoints w WHERE ${ownedBy(tenant, 'w')}`);
    return row!.n;
  }

  /**
   * Creates the endpoint unless the business has `max` already (null then). The count and the insert run under a lock
   * per business, held to the end of the transaction: two creations at once cannot both see room for one.
   */
  @GenerateSql({
    params: [SAMPLE.businessTenant, 10, { url: 'https://example.com/hooks', events: ['payment.approved'], secret: 'whsec_x' }],
  })
  createEndpointIfRoom(
    tenant: BusinessTenant,
    max: number,
    input: { url: string; events: string[]; secret: string },
  ): Promise<EndpointRow | null> {
    return this.db.transaction(async () => {
      await this.db.tenant(tenant).rows(`SELECT pg_advisory_xact_lock(hashtextextended('webhook_endpoints ' || :tenantId, 0))`, {});
      if ((await this.countEndpoints(tenant)) >= max) return null;
      return this.createEndpoint(tenant, input);
    });
  }

  private async createEndpoint(tenant: BusinessTenant, input: { url: string; events: string[]; secret: string }): Promise<EndpointRow> {
    const rows = await this.db.tenant(tenant).rows<EndpointRow>(
      `INSERT INTO webhook_endpoints AS w (business_id, url, events, secret)
       VALUES (:tenantId, :url, :events::varchar[], :secret)
       RETURNING ${ENDPOINT}`,
      input,
    );
    return rows[0]!;
  }

  @GenerateSql({ params: [SAMPLE.businessTenant] })
  listEndpoints(tenant: BusinessTenant): Promise<EndpointRow[]> {
    return this.db
      .tenant(tenant)
      .rows<EndpointRow>(`SELECT ${ENDPOINT} FROM webhook_endpoints w WHERE ${ownedBy(tenant, 'w')} ORDER BY w.created_at, w.id`);
  }

  @GenerateSql({ params: [SAMPLE.businessTenant, SAMPLE.id] })
  findEndpoint(tenant: BusinessTenant, id: string): Promise<EndpointRow | null> {
    return this.db
      .tenant(tenant)
      .one<EndpointRow>(`SELECT ${ENDPOINT} FROM webhook_endpoints w WHERE ${ownedBy(tenant, 'w')} AND w.id = :id`, { id });
  }

  /** Changes what is given; `enabled: true` clears a disablement (and the failure streak), `false` disables by hand. */
  @GenerateSql({ params: [SAMPLE.businessTenant, SAMPLE.id, { url: 'https://example.com/hooks', events: null, enabled: true }] })
  updateEndpoint(
    tenant: BusinessTenant,
    id: string,
    change: { url: string | null; events: string[] | null; enabled: boolean | null },
  ): Promise<EndpointRow | null> {
    return this.db.tenant(tenant).one<EndpointRow>(
      `UPDATE webhook_endpoints w SET
         url = coalesce(:url, w.url),
         events = coalesce(:events::varchar[], w.events),
         disabled_at = CASE WHEN :enabled::boolean IS NULL THEN w.disabled_at
                            WHEN :enabled::boolean THEN NULL ELSE coalesce(w.disabled_at, now()) END,
         disabled_reason = CASE WHEN :enabled::boolean IS NULL THEN w.disabled_reason
                                WHEN :enabled::boolean THEN NULL ELSE coalesce(w.disabled_reason, 'Disabled by the owner') END,
         failing_since = CASE WHEN :enabled::boolean THEN NULL ELSE w.failing_since END,
         updated_at = now()
       WHERE ${ownedBy(tenant, 'w')} AND w.id = :id
       RETURNING ${ENDPOINT}`,
      { id, url: change.url, events: change.events, enabled: change.enabled },
    );
  }

  @GenerateSql({ params: [SAMPLE.businessTenant, SAMPLE.id] })
  async deleteEndpoint(tenant: BusinessTenant, id: string): Promise<boolean> {
    const n = await this.db.tenant(tenant).count(`DELETE FROM webhook_endpoints w WHERE ${ownedBy(tenant, 'w')} AND w.id = :id`, { id });
    return n > 0;
  }

  /** The new secret signs from now on; the old one too, for `windowMs`. */
  @GenerateSql({ params: [SAMPLE.businessTenant, SAMPLE.id, 'whsec_x', 86_400_000] })
  rotateSecret(tenant: BusinessTenant, id: string, secret: string, windowMs: number): Promise<EndpointRow | null> {
    return this.db.tenant(tenant).one<EndpointRow>(
      `UPDATE webhook_endpoints w SET previous_secret = w.secret, secret = :secret,
              previous_secret_expires_at = now() + :windowMs::bigint * interval '1 millisecond', updated_at = now()
        WHERE ${ownedBy(tenant, 'w')} AND w.id = :id
       RETURNING ${ENDPOINT}`,
      { id, secret, windowMs },
    );
  }

  /** The endpoint's deliveries, newest first. */
  @GenerateSql({ params: [SAMPLE.businessTenant, SAMPLE.id, SAMPLE.cursor, 20] })
  listDeliveries(tenant: BusinessTenant, endpointId: string, after: KeysetPosition | null, limit: number): Promise<DeliveryRow[]> {
    return this.db.tenant(tenant).rows<DeliveryRow>(
      `SELECT ${DELIVERY} FROM webhook_deliveries d
        WHERE ${ownedBy(tenant, 'd')} AND d.endpoint_id = :endpointId
          AND (:afterAt::timestamptz IS NULL OR (d.created_at, d.id) < (:afterAt::timestamptz, :afterId::uuid))
        ORDER BY d.created_at DESC, d.id DESC LIMIT :limit`,
      { endpointId, afterAt: after?.at ?? null, afterId: after?.id ?? null, limit },
    );
  }

  /** Every attempt of these deliveries, newest first. */
  @GenerateSql({ params: [SAMPLE.businessTenant, [SAMPLE.id]] })
  attemptsOf(tenant: BusinessTenant, deliveryIds: string[]): Promise<AttemptRow[]> {
    return this.db.tenant(tenant).rows<AttemptRow>(
      `SELECT a.delivery_id, a.at, a.status_code, a.latency_ms, a.error, a.response_body
         FROM webhook_attempts a JOIN webhook_deliveries d ON d.id = a.delivery_id
        WHERE ${ownedBy(tenant, 'd')} AND a.delivery_id = ANY(:deliveryIds::uuid[])
        ORDER BY a.delivery_id, a.id DESC`,
      { deliveryIds },
    );
  }

  /** A test message for one endpoint, due now. */
  @GenerateSql({ params: [SAMPLE.businessTenant, SAMPLE.id, 'msg_sample', '{}'] })
  insertTestDelivery(tenant: BusinessTenant, endpointId: string, messageId: string, body: string): Promise<DeliveryRow | null> {
    return this.db.tenant(tenant).one<DeliveryRow>(
      `INSERT INTO webhook_deliveries AS d (endpoint_id, business_id, message_id, event_type, body)
       SELECT w.id, w.business_id, :messageId, 'webhook.test', :body FROM webhook_endpoints w
        WHERE ${ownedBy(tenant, 'w')} AND w.id = :endpointId
       RETURNING ${DELIVERY}`,
      { endpointId, messageId, body },
    );
  }

  /**
   * Sends a delivery again, as the same message (same `webhook-id`, same body), with a fresh schedule. One whose
   * attempt is in flight is left to it (never two attempts of one delivery at once).
   */
  @GenerateSql({ params: [SAMPLE.businessTenant, SAMPLE.id, SAMPLE.id] })
  async replayDelivery(tenant: BusinessTenant, endpointId: string, deliveryId: string): Promise<DeliveryRow | null> {
    const replayed = await this.db.tenant(tenant).one<DeliveryRow>(
      `UPDATE webhook_deliveries d SET status = 'pending', attempts = 0, next_attempt_at = now(), lease_token = NULL
        WHERE ${ownedBy(tenant, 'd')} AND d.endpoint_id = :endpointId AND d.id = :deliveryId
          AND (d.lease_token IS NULL OR d.next_attempt_at <= now())
       RETURNING ${DELIVERY}`,
      { endpointId, deliveryId },
    );
    return (
      replayed ??
      this.db
        .tenant(tenant)
        .one<DeliveryRow>(
          `SELECT ${DELIVERY} FROM webhook_deliveries d WHERE ${ownedBy(tenant, 'd')} AND d.endpoint_id = :endpointId AND d.id = :deliveryId`,
          {
            endpointId,
            deliveryId,
          },
        )
    );
  }

  /** Every failed delivery of the endpoint made since `since`, sent again; how many. */
  @GenerateSql({ params: [SAMPLE.businessTenant, SAMPLE.id, '2026-11-30T00:00:00Z'] })
  replayFailedSince(tenant: BusinessTenant, endpointId: string, since: string): Promise<number> {
    return this.db.tenant(tenant).count(
      `UPDATE webhook_deliveries d SET status = 'pending', attempts = 0, next_attempt_at = now(), lease_token = NULL
        WHERE ${ownedBy(tenant, 'd')} AND d.endpoint_id = :endpointId AND d.status = 'failed' AND d.created_at >= :since::timestamptz`,
      { endpointId, since },
    );
  }
}
