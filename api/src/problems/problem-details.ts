import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { PAYMENT_STATUSES, PaymentStatus } from '../payments/entities/pending-payment.entity';
import { ProblemCode } from './problem-code';
import { SCOPES } from '../api-keys/scope-names';

export class FieldError {
  @ApiProperty({ example: 'amount' })
  field: string;

  @ApiProperty({ example: 'amount must be a decimal string with at most two decimals, e.g. "250.50"' })
  message: string;
}

/** RFC 9457 problem details, with a stable machine-readable `code`. */
export class ProblemDetails {
  @ApiProperty({ example: 'urn:khata-pay:problem:PAYMENT_NOT_PENDING' })
  type: string;

  @ApiProperty({ example: 'The payment is no longer pending' })
  title: string;

  @ApiProperty({ type: 'integer', minimum: 400, maximum: 599, example: 409, description: 'The HTTP status of the response' })
  status: number;

  @ApiProperty({ example: 'Payment 3f0c... is already approved' })
  detail: string;

  @ApiProperty({ enum: ProblemCode, enumName: 'ProblemCode', example: ProblemCode.PaymentNotPending })
  code: ProblemCode;

  @ApiProperty({ example: '/api/v1/payments/3f0c.../approve', description: 'The path of the request' })
  instance: string;

  @ApiPropertyOptional({ type: [FieldError], description: 'For VALIDATION_FAILED: what is wrong with which field' })
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
    description: 'For INSUFFICIENT_SCOPE: the scopes the operation needs (the key lacks one or more of them)',
  })
  requiredScopes?: string[];
}
