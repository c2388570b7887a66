import { Injectable } from '@nestjs/common';
import type { ResponseSealer } from '../idempotency/idempotent';
import type { WebhookEndpointWithSecretDto } from './dto/webhook.dto';
import { SecretBox } from './secret-box';

/**
 * An endpoint's secret in a response kept for Idempotency-Key replays (creation, rotation): sealed like the stored
 * secret itself, bound to the user whose response it is, so the idempotency store keeps no secret in clear.
 */
@Injectable()
export class SecretResponseSealer implements ResponseSealer {
  constructor(private readonly box: SecretBox) {}

  seal(body: WebhookEndpointWithSecretDto, scope: string): WebhookEndpointWithSecretDto {
    return { ...body, secret: this.box.seal(body.secret, scope) };
  }

  open(stored: WebhookEndpointWithSecretDto, scope: string): WebhookEndpointWithSecretDto | null {
    const secret = this.box.open(stored.secret, scope);
    return secret === null ? null : { ...stored, secret };
  }
}
