import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsBoolean, IsIn, Matches, MaxLength, ValidateIf } from 'class-validator';
import { PAGE_MAX_ITEMS } from '../../openapi/limits';
import { NEXT_CURSOR } from '../../pagination/pagination';
import { IsText } from '../../text/text';
import { RESPONSE_BODY_CAP } from '../sender';
import { MAX_ENDPOINTS } from '../webhooks.repository';
import { WEBHOOK_EVENT_TYPES, type WebhookEventType } from '../webhook-events';

/** Validated unless left out: unlike @IsOptional(), null is not skipped. */
const Omittable = () => ValidateIf((_, value) => value !== undefined);

/** An RFC 3339 date-time (`format: date-time`): a date, a time and an offset, nothing left to guess. */
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/;

const SECRET_PATTERN = '^whsec_[A-Za-z0-9+/]{43}=$';

export class CreateWebhookEndpointDto {
  @ApiProperty({
    example: 'https://example.com/webhooks/khata-pay',
    format: 'uri',
    description: 'https:// (http:// only outside production); its host must resolve to public addresses only',
  })
  @IsText({ min: 1, max: 2048 })
  url: string;

  @ApiProperty({ enum: WEBHOOK_EVENT_TYPES, isArray: true, minItems: 1, maxItems: WEBHOOK_EVENT_TYPES.length, uniqueItems: true })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(WEBHOOK_EVENT_TYPES.length)
  @ArrayUnique()
  @IsIn(WEBHOOK_EVENT_TYPES, { each: true })
  events: WebhookEventType[];
}

/** Each field may be left out (unchanged), not sent as null: null is refused as invalid, like any other wrong type. */
export class UpdateWebhookEndpointDto {
  @ApiPropertyOptional({ example: 'https://example.com/webhooks/khata-pay', format: 'uri' })
  @Omittable()
  @IsText({ min: 1, max: 2048 })
  url?: string;

  @ApiPropertyOptional({ enum: WEBHOOK_EVENT_TYPES, isArray: true, minItems: 1, maxItems: WEBHOOK_EVENT_TYPES.length, uniqueItems: true })
  @Omittable()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(WEBHOOK_EVENT_TYPES.length)
  @ArrayUnique()
  @IsIn(WEBHOOK_EVENT_TYPES, { each: true })
  events?: WebhookEventType[];

  @ApiPropertyOptional({
    description:
      '`false` pauses the endpoint: its events keep being logged as deliveries, unattempted, and ' +
      '`true` turns it back on, when they go out in order (so do those made while a 410 or days of failures had turned it off)',
  })
  @Omittable()
  @IsBoolean()
  enabled?: boolean;
}

export class WebhookEndpointDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ example: 'https://example.com/webhooks/khata-pay', format: 'uri', maxLength: 2048 })
  url: string;

  @ApiProperty({ enum: WEBHOOK_EVENT_TYPES, isArray: true, maxItems: WEBHOOK_EVENT_TYPES.length })
  events: WebhookEventType[];

  @ApiProperty({ description: 'false once disabled (by a 410, by failing for days, or by the owner): nothing is sent' })
  enabled: boolean;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  disabledAt: string | null;

  @ApiProperty({
    type: String,
    nullable: true,
    maxLength: 200,
    example: 'The endpoint answered 410 Gone',
    description: 'Why it was disabled',
  })
  disabledReason: string | null;

  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'Every attempt has failed since then (null after a success)',
  })
  failingSince: string | null;

  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'Until then the secret before the last rotation signs too (a second `v1,` signature)',
  })
  previousSecretExpiresAt: string | null;

  @ApiProperty({ format: 'date-time' })
  createdAt: string;
}

export class WebhookEndpointWithSecretDto extends WebhookEndpointDto {
  @ApiProperty({
    example: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw5P0iW8zzXsY=',
    pattern: SECRET_PATTERN,
    maxLength: 100,
    description: 'The signing secret: shown only now, keep it safe',
  })
  secret: string;
}

export class WebhookEndpointListDto {
  @ApiProperty({ type: [WebhookEndpointDto], maxItems: MAX_ENDPOINTS })
  items: WebhookEndpointDto[];

  @ApiProperty({ type: String, nullable: true, maxLength: 200, description: 'Always null: a business has at most 10 endpoints' })
  nextCursor: string | null;
}

export class WebhookAttemptDto {
  @ApiProperty({ format: 'date-time' })
  at: string;

  @ApiProperty({ type: 'integer', format: 'int32', nullable: true, minimum: 100, maximum: 599, description: 'Null when no answer came' })
  statusCode: number | null;

  @ApiProperty({ type: 'integer', format: 'int32', minimum: 0, maximum: 2147483647 })
  latencyMs: number;

  @ApiProperty({ type: String, nullable: true, maxLength: 500, example: 'timed out after 15000 ms' })
  error: string | null;

  @ApiProperty({ type: String, nullable: true, maxLength: RESPONSE_BODY_CAP, description: 'The first 2 KiB of the answer' })
  responseBody: string | null;
}

export class WebhookDeliveryDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({
    example: 'msg_2b8f0c6a1d5e4f7a9c3b2e1d0f9a8b7c',
    maxLength: 40,
    description: 'The `webhook-id` header: the same on every attempt and replay',
  })
  messageId: string;

  @ApiProperty({ enum: [...WEBHOOK_EVENT_TYPES, 'webhook.test'] })
  type: string;

  @ApiProperty({ enum: ['pending', 'delivered', 'failed'] })
  status: 'pending' | 'delivered' | 'failed';

  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'When the next attempt is due (pending only)' })
  nextAttemptAt: string | null;

  @ApiProperty({ format: 'date-time' })
  createdAt: string;

  @ApiProperty({ type: [WebhookAttemptDto], description: 'Every attempt, newest first' })
  attempts: WebhookAttemptDto[];
}

export class WebhookDeliveryPageDto {
  @ApiProperty({ type: [WebhookDeliveryDto], maxItems: PAGE_MAX_ITEMS })
  items: WebhookDeliveryDto[];

  @ApiProperty(NEXT_CURSOR)
  nextCursor: string | null;
}

export class ReplaySinceDto {
  @ApiProperty({
    format: 'date-time',
    maxLength: 40,
    example: '2026-11-30T00:00:00Z',
    pattern: DATE_TIME.source,
    description: 'Failed deliveries made since then are sent again',
  })
  @MaxLength(40)
  @Matches(DATE_TIME, { message: 'since must be a date-time with its offset (RFC 3339), e.g. 2026-11-30T00:00:00Z' })
  since: string;
}

export class ReplayedDto {
  @ApiProperty({
    type: 'integer',
    format: 'int32',
    minimum: 0,
    maximum: 2147483647,
    description: 'How many failed deliveries are sent again',
  })
  replayed: number;
}
