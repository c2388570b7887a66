import { Module } from '@nestjs/common';
import { WebhookRelay } from './webhook-relay';
import { WebhooksController } from './webhooks.controller';
import { WebhooksService } from './webhooks.service';

/** Webhook endpoints (the owner's API) and the relay that delivers to them (started with the module). */
@Module({ controllers: [WebhooksController], providers: [WebhooksService, WebhookRelay], exports: [WebhookRelay] })
export class WebhooksModule {}
