import {
  AMOUNT_MAX_LENGTH,
  NAME_MAX_LENGTH,
  NOTE_MAX_LENGTH,
  PAGE_MAX_ITEMS,
  PAYMENT_METHOD_MAX_LENGTH,
  PHONE_MAX_LENGTH,
} from '../../openapi/limits';
import { NEXT_CURSOR } from '../../pagination/pagination';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsOptional, IsString, IsUUID, Matches } from 'class-validator';
import { CUSTOMER_PHONE_PATTERN } from '../../auth/phone';
import { AMOUNT_PATTERN, IsAmount } from '../../money/money';
import { PageQuery } from '../../pagination/pagination';
import { IsText, Trimmed } from '../../text/text';
import { PAYMENT_STATUSES, PaymentStatus } from '../entities/pending-payment.entity';

/** A UTR: 12 digits. */
export const UTR_PATTERN = /^\d{12}$/;
/** A UTR as typed: 12 digits, white space anywhere (it is removed). */
export const TYPED_UTR_PATTERN = '^\\s*(?:[0-9]\\s*){12}$';

export class PaymentDto {
  @ApiProperty({ format: 'uuid', description: "The claim's id" })
  id: string;

  @ApiProperty({ format: 'uuid' })
  businessId: string;

  @ApiProperty({ example: 'Sharma Kirana Store', maxLength: NAME_MAX_LENGTH })
  businessName: string;

  @ApiProperty({ format: 'uuid' })
  customerId: string;

  @ApiProperty({ example: 'Asha Verma', maxLength: NAME_MAX_LENGTH })
  customerName: string;

  @ApiProperty({
    example: '+919876543210',
    pattern: CUSTOMER_PHONE_PATTERN,
    maxLength: PHONE_MAX_LENGTH,
    description: '`+91` and 10 digits (`+910000000000`: the Test Customer of the development endpoint; `+911000000000`: a closed account)',
  })
  customerPhone: string;

  @ApiProperty({ format: 'uuid' })
  accountId: string;

  @ApiProperty({ example: '500.00', pattern: AMOUNT_PATTERN, maxLength: AMOUNT_MAX_LENGTH })
  amount: string;

  @ApiProperty({ example: 'PhonePe', maxLength: PAYMENT_METHOD_MAX_LENGTH })
  paymentMethod: string;

  @ApiProperty({ type: String, nullable: true, example: 'November dues', maxLength: NOTE_MAX_LENGTH })
  notes: string | null;

  @ApiProperty({
    type: String,
    nullable: true,
    pattern: UTR_PATTERN.source,
    maxLength: 12,
    example: '412345678901',
    description: '12-digit UPI reference',
  })
  utr: string | null;

  @ApiProperty({ enum: PAYMENT_STATUSES, enumName: 'PaymentStatus' })
  status: PaymentStatus;

  @ApiProperty({ format: 'date-time' })
  createdAt: string;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  approvedAt: string | null;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  approvedBy: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  rejectedAt: string | null;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  rejectedBy: string | null;

  @ApiProperty({ type: String, nullable: true, example: 'Amount not received', maxLength: NOTE_MAX_LENGTH })
  rejectionReason: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  cancelledAt: string | null;
}

export class PaymentPageDto {
  @ApiProperty({ type: [PaymentDto], maxItems: PAGE_MAX_ITEMS })
  items: PaymentDto[];

  @ApiProperty(NEXT_CURSOR)
  nextCursor: string | null;
}

export class PaymentEnvelopeDto {
  @ApiProperty({ type: PaymentDto })
  payment: PaymentDto;
}

/** The longest UTR as a person may type it, spaces included. */
const TYPED_UTR_MAX_LENGTH = 32;

export class SubmitPaymentDto {
  @ApiProperty({ format: 'uuid', description: 'The business paid (you must have an account with it)' })
  @IsUUID('4')
  businessId: string;

  @ApiProperty({ example: '500.00', description: 'Decimal string, at most two decimals, 0.01 to 99999999.99' })
  @IsAmount()
  amount: string;

  @ApiPropertyOptional({ example: 'November dues' })
  @IsOptional()
  @Trimmed()
  @IsText({ max: 500 })
  notes?: string;

  @ApiPropertyOptional({
    example: '412345678901',
    maxLength: TYPED_UTR_MAX_LENGTH,
    pattern: TYPED_UTR_PATTERN,
    description: 'The 12-digit UPI transaction reference (UTR) PhonePe shows after paying (spaces are ignored)',
  })
  @IsOptional()
  @Transform(({ value }) => (typeof value === 'string' && value.length <= TYPED_UTR_MAX_LENGTH ? value.replace(/\s/g, '') : value))
  @IsString()
  @Matches(UTR_PATTERN, { message: 'utr must be the 12-digit UPI reference number' })
  utr?: string;
}

export class ListPaymentsQuery extends PageQuery {
  @ApiPropertyOptional({ enum: PAYMENT_STATUSES, enumName: 'PaymentStatus' })
  @IsOptional()
  @IsIn(PAYMENT_STATUSES)
  status?: PaymentStatus;

  @ApiPropertyOptional({ description: 'Search customer name, phone or UTR', example: '4123' })
  @IsOptional()
  @IsText({ max: 100 })
  q?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Only the payments of this account' })
  @IsOptional()
  @IsUUID('4')
  accountId?: string;
}

export class PaymentEventDto {
  @ApiProperty({ enum: ['submitted', 'approved', 'rejected', 'cancelled'] })
  type: string;

  @ApiProperty({ type: String, nullable: true, enum: PAYMENT_STATUSES })
  fromStatus: string | null;

  @ApiProperty({ enum: PAYMENT_STATUSES })
  toStatus: string;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  actorId: string | null;

  @ApiProperty({ enum: ['business', 'customer', 'system'] })
  actorRole: string;

  @ApiProperty({ type: String, nullable: true, maxLength: NOTE_MAX_LENGTH })
  reason: string | null;

  @ApiProperty({ format: 'date-time' })
  at: string;
}

export class PaymentHistoryDto {
  @ApiProperty({ type: [PaymentEventDto], maxItems: PAGE_MAX_ITEMS, description: 'Every state change, oldest first (a claim has a few)' })
  items: PaymentEventDto[];
}
