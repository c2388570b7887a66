import { Inject, Injectable } from '@nestjs/common';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { iso } from '../database/rows';
import { decodeCursor, PageQuery, toPage } from '../pagination/pagination';
import { DomainError } from '../problems/domain-error';
import { ProblemCode } from '../problems/problem-code';
import type { BusinessTenant } from '../tenancy/tenant';
import {
  CreateWebhookEndpointDto,
  ReplayedDto,
  UpdateWebhookEndpointDto,
  WebhookAttemptDto,
  WebhookDeliveryDto,
  WebhookDeliveryPageDto,
  WebhookEndpointDto,
  WebhookEndpointListDto,
  WebhookEndpointWithSecretDto,
} from './dto/webhook.dto';
import { newSecret } from './signing';
import { checkTarget } from './url-guard';
import { SecretBox } from './secret-box';
import { WebhookRelay } from './webhook-relay';
import { newMessageId, TEST_EVENT_TYPE, type WebhookEventType } from './webhook-events';
import { AttemptRow, DeliveryRow, EndpointRow, MAX_ENDPOINTS, WebhooksRepository } from './webhooks.repository';

/**
 * The instant an RFC 3339 date-time names, or null when it names none: JavaScript's parser rolls 2026-02-30 over to
 * March and takes 24:00, so the fields are checked against the calendar first.
 */
function realInstant(value: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})/.exec(value);
  if (!m) return null;
  const [year, month, day, hour, minute, second] = m.slice(1).map(Number) as [number, number, number, number, number, number];
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth || hour > 23 || minute > 59 || second > 59) return null;
  const at = Date.parse(value);
  return Number.isNaN(at) ? null : at;
}

function toEndpointDto(row: EndpointRow): WebhookEndpointDto {
  return {
    id: row.id,
    url: row.url,
    events: row.events as WebhookEventType[],
    enabled: row.disabled_at === null,
    disabledAt: iso(row.disabled_at),
    disabledReason: row.disabled_reason,
    failingSince: iso(row.failing_since),
    previousSecretExpiresAt: iso(row.previous_secret_expires_at),
    createdAt: iso(row.created_at),
  };
}

function toAttemptDto(row: AttemptRow): WebhookAttemptDto {
  return {
    at: iso(row.at),
    statusCode: row.status_code,
    latencyMs: row.latency_ms,
    error: row.error,
    responseBody: row.response_body,
  };
}

function toDeliveryDto(row: DeliveryRow, attempts: AttemptRow[]): WebhookDeliveryDto {
  return {
    id: row.id,
    messageId: row.message_id,
    type: row.event_type,
    status: row.status,
    nextAttemptAt: row.status === 'pending' ? iso(row.next_attempt_at) : null,
    createdAt: iso(row.created_at),
    attempts: attempts.map(toAttemptDto),
  };
}

const endpointNotFound = (id: string) => new DomainError(ProblemCode.WebhookEndpointNotFound, `Webhook endpoint ${id} not found`);

/** A business's webhook endpoints: the owner's operations. Delivery is the relay's (webhook-relay.ts). */
@Injectable()
export class WebhooksService {
  constructor(
    private readonly repo: WebhooksRepository,
    private readonly relay: WebhookRelay,
    private readonly box: SecretBox,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Refuses a URL that webhooks may not be sent to (checked again before every attempt: DNS changes). */
  private async checkUrl(url: string): Promise<void> {
    const { allowHttp, allowPrivate } = this.config.webhooks;
    const checked = await checkTarget(url, { allowHttp, allowPrivate });
    if ('refusal' in checked) {
      throw new DomainError(ProblemCode.WebhookUrlRefused, `Webhooks cannot be sent to this URL: ${checked.refusal}`, {
        errors: [{ field: 'url', message: `url is refused: ${checked.refusal}` }],
      });
    }
  }

  async create(tenant: BusinessTenant, dto: CreateWebhookEndpointDto): Promise<WebhookEndpointWithSecretDto> {
    await this.checkUrl(dto.url);
    const secret = newSecret();
    const row = await this.repo.createEndpointIfRoom(tenant, MAX_ENDPOINTS, {
      url: dto.url,
      events: dto.events,
      secret: this.box.seal(secret, tenant.businessId),
    });
    if (!row) throw new DomainError(ProblemCode.TooManyWebhookEndpoints, `A business has at most ${MAX_ENDPOINTS} webhook endpoints`);
    return { ...toEndpointDto(row), secret };
  }

  async list(tenant: BusinessTenant): Promise<WebhookEndpointListDto> {
    return { items: (await this.repo.listEndpoints(tenant)).map(toEndpointDto), nextCursor: null };
  }

  async get(tenant: BusinessTenant, id: string): Promise<WebhookEndpointDto> {
    const row = await this.repo.findEndpoint(tenant, id);
    if (!row) throw endpointNotFound(id);
    return toEndpointDto(row);
  }

  async update(tenant: BusinessTenant, id: string, dto: UpdateWebhookEndpointDto): Promise<WebhookEndpointDto> {
    if (!(await this.repo.findEndpoint(tenant, id))) throw endpointNotFound(id);
    if (dto.url !== undefined) await this.checkUrl(dto.url);
    const row = await this.repo.updateEndpoint(tenant, id, {
      url: dto.url ?? null,
      events: dto.events ?? null,
      enabled: dto.enabled ?? null,
    });
    if (!row) throw endpointNotFound(id);
    if (row.disabled_at === null) this.relay.trigger();
    return toEndpointDto(row);
  }

  async remove(tenant: BusinessTenant, id: string): Promise<void> {
    if (!(await this.repo.deleteEndpoint(tenant, id))) throw endpointNotFound(id);
  }

  async rotateSecret(tenant: BusinessTenant, id: string): Promise<WebhookEndpointWithSecretDto> {
    const secret = newSecret();
    const row = await this.repo.rotateSecret(tenant, id, this.box.seal(secret, tenant.businessId), this.config.webhooks.rotationWindowMs);
    if (!row) throw endpointNotFound(id);
    return { ...toEndpointDto(row), secret };
  }

  async sendTest(tenant: BusinessTenant, id: string): Promise<WebhookDeliveryDto> {
    const body = JSON.stringify({
      type: TEST_EVENT_TYPE,
      timestamp: new Date().toISOString(),
      data: { endpointId: id, message: 'A test event from khata-pay: your endpoint receives and verifies webhooks.' },
    });
    const row = await this.repo.insertTestDelivery(tenant, id, newMessageId(), body);
    if (!row) throw endpointNotFound(id);
    this.relay.trigger();
    return toDeliveryDto(row, []);
  }

  async deliveries(tenant: BusinessTenant, id: string, query: PageQuery): Promise<WebhookDeliveryPageDto> {
    if (!(await this.repo.findEndpoint(tenant, id))) throw endpointNotFound(id);
    const limit = query.limit ?? 20;
    const rows = await this.repo.listDeliveries(tenant, id, decodeCursor(query.cursor), limit + 1);
    const page = rows.slice(0, limit);
    const attempts = page.length
      ? await this.repo.attemptsOf(
          tenant,
          page.map((r) => r.id),
        )
      : [];
    const byDelivery = new Map<string, AttemptRow[]>();
    for (const a of attempts) byDelivery.set(a.delivery_id, [...(byDelivery.get(a.delivery_id) ?? []), a]);
    return toPage(rows, limit, (row) => toDeliveryDto(row, byDelivery.get(row.id) ?? []));
  }

  async replay(tenant: BusinessTenant, id: string, deliveryId: string): Promise<WebhookDeliveryDto> {
    if (!(await this.repo.findEndpoint(tenant, id))) throw endpointNotFound(id);
    const row = await this.repo.replayDelivery(tenant, id, deliveryId);
    if (!row) throw new DomainError(ProblemCode.WebhookDeliveryNotFound, `Delivery ${deliveryId} not found`);
    this.relay.trigger();
    const attempts = await this.repo.attemptsOf(tenant, [row.id]);
    return toDeliveryDto(row, attempts);
  }

  async replayFailedSince(tenant: BusinessTenant, id: string, since: string): Promise<ReplayedDto> {
    if (!(await this.repo.findEndpoint(tenant, id))) throw endpointNotFound(id);
    // Before this service existed nothing failed: an earlier (or absurd) time means "all of them".
    const at = realInstant(since);
    if (at === null) {
      throw new DomainError(ProblemCode.ValidationFailed, 'since must be a date-time that exists', {
        errors: [{ field: 'since', message: 'since must be a date-time that exists' }],
      });
    }
    const from = new Date(Math.min(Math.max(at, Date.UTC(2020, 0, 1)), Date.UTC(9999, 0, 1))).toISOString();
    const replayed = await this.repo.replayFailedSince(tenant, id, from);
    if (replayed > 0) this.relay.trigger();
    return { replayed };
  }
}
