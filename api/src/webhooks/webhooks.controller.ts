import { Body, Controller, Delete, Get, HttpCode, Patch, Post, Query } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBody,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { Scopes } from '../api-keys/scopes';
import { BusinessPrincipal, CurrentBusiness, Roles } from '../auth/principal';
import { IdParam } from '../http/validation';
import { Idempotent } from '../idempotency/idempotent';
import { ApiAuth, Problems } from '../openapi/api-errors';
import { ProblemCode } from '../problems/problem-code';
import { PageQuery } from '../pagination/pagination';
import { businessTenant } from '../tenancy/tenant';
import {
  CreateWebhookEndpointDto,
  ReplayedDto,
  ReplaySinceDto,
  UpdateWebhookEndpointDto,
  WebhookDeliveryDto,
  WebhookDeliveryPageDto,
  WebhookEndpointDto,
  WebhookEndpointListDto,
  WebhookEndpointWithSecretDto,
} from './dto/webhook.dto';
import { SecretResponseSealer } from './secret-response-sealer';
import { WebhooksService } from './webhooks.service';

@ApiTags('webhooks')
@Controller('webhook-endpoints')
export class WebhooksController {
  constructor(private readonly webhooks: WebhooksService) {}

  @Post()
  @Roles('business')
  @Scopes('webhooks:manage')
  @ApiOperation({
    summary: 'Add a webhook endpoint (business)',
    description:
      'Events of the chosen types are POSTed to `url`, signed per Standard Webhooks. The `secret` is shown only in this answer ' +
      '(and by a rotation). The URL must be https:// and resolve to public addresses only (`WEBHOOK_URL_REFUSED` otherwise).',
  })
  @Idempotent({ required: false, sealedWith: SecretResponseSealer })
  @ApiBody({
    type: CreateWebhookEndpointDto,
    examples: { decisions: { value: { url: 'https://example.com/webhooks/khata-pay', events: ['payment.approved', 'payment.rejected'] } } },
  })
  @ApiCreatedResponse({ type: WebhookEndpointWithSecretDto })
  @ApiAuth()
  @Problems(ProblemCode.WebhookUrlRefused, ProblemCode.TooManyWebhookEndpoints)
  createWebhookEndpoint(
    @CurrentBusiness() owner: BusinessPrincipal,
    @Body() dto: CreateWebhookEndpointDto,
  ): Promise<WebhookEndpointWithSecretDto> {
    return this.webhooks.create(businessTenant(owner.businessId), dto);
  }

  @Get()
  @Roles('business')
  @Scopes('webhooks:manage')
  @ApiOperation({
    summary: "The business's webhook endpoints (business)",
    description: 'All of them (at most 10), oldest first, each with its event types and whether it is enabled; never the secrets.',
  })
  @ApiOkResponse({ type: WebhookEndpointListDto })
  @ApiAuth()
  listWebhookEndpoints(@CurrentBusiness() owner: BusinessPrincipal): Promise<WebhookEndpointListDto> {
    return this.webhooks.list(businessTenant(owner.businessId));
  }

  @Get(':endpointId')
  @Roles('business')
  @Scopes('webhooks:manage')
  @ApiOperation({
    summary: 'One webhook endpoint (business)',
    description: 'Its URL, event types, state (enabled, failing since, why disabled) and secret rotation; never the secret.',
  })
  @ApiOkResponse({ type: WebhookEndpointDto })
  @ApiAuth()
  @Problems(ProblemCode.WebhookEndpointNotFound)
  getWebhookEndpoint(@CurrentBusiness() owner: BusinessPrincipal, @IdParam('endpointId') id: string): Promise<WebhookEndpointDto> {
    return this.webhooks.get(businessTenant(owner.businessId), id);
  }

  @Patch(':endpointId')
  @Roles('business')
  @Scopes('webhooks:manage')
  @ApiOperation({
    summary: 'Change a webhook endpoint (business)',
    description: 'Its URL, its events, or `enabled` (true turns a disabled endpoint back on: its pending deliveries resume).',
  })
  @ApiBody({ type: UpdateWebhookEndpointDto, examples: { enable: { value: { enabled: true } } } })
  @ApiOkResponse({ type: WebhookEndpointDto })
  @ApiAuth()
  @Problems(ProblemCode.WebhookEndpointNotFound, ProblemCode.WebhookUrlRefused)
  updateWebhookEndpoint(
    @CurrentBusiness() owner: BusinessPrincipal,
    @IdParam('endpointId') id: string,
    @Body() dto: UpdateWebhookEndpointDto,
  ): Promise<WebhookEndpointDto> {
    return this.webhooks.update(businessTenant(owner.businessId), id, dto);
  }

  @Delete(':endpointId')
  @Roles('business')
  @Scopes('webhooks:manage')
  @HttpCode(204)
  @ApiOperation({
    summary: 'Delete a webhook endpoint and its delivery log (business)',
    description: "Nothing more is sent to it, pending deliveries included; another business's endpoint is a 404.",
  })
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiAuth()
  @Problems(ProblemCode.WebhookEndpointNotFound)
  deleteWebhookEndpoint(@CurrentBusiness() owner: BusinessPrincipal, @IdParam('endpointId') id: string): Promise<void> {
    return this.webhooks.remove(businessTenant(owner.businessId), id);
  }

  @Post(':endpointId/rotate-secret')
  @Roles('business')
  @Scopes('webhooks:manage')
  @HttpCode(200)
  @ApiOperation({
    summary: "Rotate an endpoint's signing secret (business)",
    description:
      'The new secret is shown only in this answer. Until `previousSecretExpiresAt` (24 hours) both secrets sign: ' +
      '`webhook-signature` carries two `v1,` signatures, so a receiver can switch without missing a message.',
  })
  @Idempotent({ required: false, sealedWith: SecretResponseSealer })
  @ApiOkResponse({ type: WebhookEndpointWithSecretDto })
  @ApiAuth()
  @Problems(ProblemCode.WebhookEndpointNotFound)
  rotateWebhookSecret(
    @CurrentBusiness() owner: BusinessPrincipal,
    @IdParam('endpointId') id: string,
  ): Promise<WebhookEndpointWithSecretDto> {
    return this.webhooks.rotateSecret(businessTenant(owner.businessId), id);
  }

  @Post(':endpointId/test')
  @Roles('business')
  @Scopes('webhooks:manage')
  @HttpCode(202)
  @ApiOperation({ summary: 'Send a test event (`webhook.test`) to an endpoint (business)', description: 'Its delivery shows in the log.' })
  @Idempotent({ required: false })
  @ApiAcceptedResponse({ type: WebhookDeliveryDto })
  @ApiAuth()
  @Problems(ProblemCode.WebhookEndpointNotFound)
  sendWebhookTest(@CurrentBusiness() owner: BusinessPrincipal, @IdParam('endpointId') id: string): Promise<WebhookDeliveryDto> {
    return this.webhooks.sendTest(businessTenant(owner.businessId), id);
  }

  @Get(':endpointId/deliveries')
  @Roles('business')
  @Scopes('webhooks:manage')
  @ApiOperation({
    summary: "An endpoint's deliveries, newest first, each with every attempt (business)",
    description:
      'Each delivery with its `webhook-id`, event type, status and every attempt (status code, latency, error, the start of the answer).',
  })
  @ApiOkResponse({ type: WebhookDeliveryPageDto })
  @ApiAuth()
  @Problems(ProblemCode.WebhookEndpointNotFound)
  listWebhookDeliveries(
    @CurrentBusiness() owner: BusinessPrincipal,
    @IdParam('endpointId') id: string,
    @Query() query: PageQuery,
  ): Promise<WebhookDeliveryPageDto> {
    return this.webhooks.deliveries(businessTenant(owner.businessId), id, query);
  }

  @Post(':endpointId/deliveries/:deliveryId/replay')
  @Roles('business')
  @Scopes('webhooks:manage')
  @HttpCode(202)
  @ApiOperation({
    summary: 'Send a delivery again (business)',
    description: 'The same message (same `webhook-id` and body), with a fresh retry schedule.',
  })
  @Idempotent({ required: false })
  @ApiAcceptedResponse({ type: WebhookDeliveryDto })
  @ApiAuth()
  @Problems(ProblemCode.WebhookEndpointNotFound, ProblemCode.WebhookDeliveryNotFound)
  replayWebhookDelivery(
    @CurrentBusiness() owner: BusinessPrincipal,
    @IdParam('endpointId') id: string,
    @IdParam('deliveryId') deliveryId: string,
  ): Promise<WebhookDeliveryDto> {
    return this.webhooks.replay(businessTenant(owner.businessId), id, deliveryId);
  }

  @Post(':endpointId/replay')
  @Roles('business')
  @Scopes('webhooks:manage')
  @HttpCode(202)
  @ApiOperation({
    summary: 'Send again every failed delivery made since a time (business)',
    description: 'Each failed delivery made since `since` is due again now, with the same `webhook-id` (receivers deduplicate on it).',
  })
  @Idempotent({ required: false })
  @ApiBody({ type: ReplaySinceDto, examples: { today: { value: { since: '2026-11-30T00:00:00Z' } } } })
  @ApiAcceptedResponse({ type: ReplayedDto })
  @ApiAuth()
  @Problems(ProblemCode.WebhookEndpointNotFound)
  replayFailedWebhooks(
    @CurrentBusiness() owner: BusinessPrincipal,
    @IdParam('endpointId') id: string,
    @Body() dto: ReplaySinceDto,
  ): Promise<ReplayedDto> {
    return this.webhooks.replayFailedSince(businessTenant(owner.businessId), id, dto.since);
  }
}
