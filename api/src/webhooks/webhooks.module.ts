import { Module } from '@nestjs/common';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { SecretBox } from './secret-box';
import { SecretResponseSealer } from './secret-response-sealer';
import { WebhookRelay } from './webhook-relay';
import { WebhooksController } from './webhooks.controller';
import { WebhooksService } from './webhooks.service';

/** Webhook endpoints (the owner's API) and the relay that delivers to them (started with the module). */
@Module({
  controllers: [WebhooksController],
  providers: [
    WebhooksService,
    WebhookRelay,
    SecretResponseSealer,
    { provide: SecretBox, useFactory: (config: AppConfig) => new SecretBox(config.webhooks.secretsKey), inject: [APP_CONFIG] },
  ],
  exports: [WebhookRelay],
})
export class WebhooksModule {}
