import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { PAYMENT_STATUSES, PaymentStatus } from '../payments/entities/pending-payment.entity';
import { ProblemCode } from './problem-code';
import { SCOPES } from '../api-keys/scope-names';

export class FieldError {
  @ApiProperty({ example: 'amount', maxLength: 200 })
  field: string;

  @ApiProperty({ example: 'amount must be a decimal string with at most two decimals, e.g. "250.50"', maxLength: 1000 })
  message: string;
}

/** RFC 9457 problem details, with a stable machine-readable `code`. */
export class ProblemDetails {
  @ApiProperty({ example: 'urn:khata-pay:problem:PAYMENT_NOT_PENDING', pattern: '^urn:khata-pay:problem:[A-Z_]+$', maxLength: 100 })
  type: string;

  @ApiProperty({ example: 'The payment is no longer pending', maxLength: 200 })
  title: string;

  @ApiProperty({
    type: 'integer',
    format: 'int32',
    minimum: 400,
    maximum: 599,
    example: 409,
    description: 'The HTTP status of the response',
  })
  status: number;

  @ApiProperty({ example: 'Payment 3f0c6a52-9d2b-4e8f-a1c7-5b6d4e3f2a10 is already approved', maxLength: 2000 })
  detail: string;

  @ApiProperty({ enum: ProblemCode, enumName: 'ProblemCode', example: ProblemCode.PaymentNotPending })
  code: ProblemCode;

  @ApiProperty({
    example: '/api/v1/payments/3f0c6a52-9d2b-4e8f-a1c7-5b6d4e3f2a10/approve',
    maxLength: 2048,
    description: 'The path of the request',
  })
  instance: string;

  @ApiPropertyOptional({ type: [FieldError], maxItems: 100, description: 'For VALIDATION_FAILED: what is wrong with which field' })
  errors?: FieldError[];

  @ApiPropertyOptional({
    enum: PAYMENT_STATUSES,
    description: 'For PAYMENT_NOT_PENDING: the status the payment has now',
  })
  currentStatus?: PaymentStatus;

  @ApiPropertyOptional({ format: 'uuid', description: 'For ALREADY_LINKED: your account with that business' })
  accountId?: string;

  @ApiPropertyOptional({ description: 'For ALREADY_LINKED on an invite code: joining with `merge: true` makes the two accounts one' })
  canMerge?: boolean;

  @ApiPropertyOptional({
    type: [String],
    enum: SCOPES,
    maxItems: SCOPES.length,
    description: 'For INSUFFICIENT_SCOPE: the scopes the operation needs (the key lacks one or more of them)',
  })
  requiredScopes?: string[];
}
