import { ApiProperty } from '@nestjs/swagger';
import { IsNotEmpty, IsString, Length, MaxLength } from 'class-validator';
import { RecoveryCodesProperty, UPI_ID, UPI_ID_MAX_LENGTH } from '../../auth/dto/auth.dto';
import { CUSTOMER_PHONE_PATTERN, PHONE_PATTERN } from '../../auth/phone';
import { AMOUNT_PATTERN, BALANCE_PATTERN } from '../../money/money';
import { AMOUNT_MAX_LENGTH, BALANCE_MAX_LENGTH, NAME_MAX_LENGTH, NOTE_MAX_LENGTH, PHONE_MAX_LENGTH } from '../../openapi/limits';
import { UTR_PATTERN } from '../../payments/dto/payment.dto';
import { PAYMENT_STATUSES, PaymentStatus } from '../../payments/entities/pending-payment.entity';

/** The password again, for what cannot be undone by whoever picks up an unlocked phone. */
export class PasswordConfirmationDto {
  @ApiProperty({ example: 'my current password', format: 'password', minLength: 1, maxLength: 128, description: 'Your current password' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(128)
  password: string;
}

export class ChangePasswordDto {
  @ApiProperty({ example: 'my current password', format: 'password', minLength: 1, maxLength: 128 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(128)
  currentPassword: string;

  @ApiProperty({ example: 'a new long passphrase', format: 'password', minLength: 8, maxLength: 128 })
  @IsString()
  @Length(8, 128)
  newPassword: string;
}

export class RecoveryCodesDto {
  @RecoveryCodesProperty()
  recoveryCodes: string[];
}

export class DataProfileDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ enum: ['business', 'customer'] })
  role: 'business' | 'customer';

  @ApiProperty({ example: 'Asha Verma', maxLength: NAME_MAX_LENGTH })
  name: string;

  @ApiProperty({ example: '+919876543210', pattern: PHONE_PATTERN, maxLength: PHONE_MAX_LENGTH })
  phone: string;

  @ApiProperty({ format: 'date-time', description: 'When you registered' })
  createdAt: string;
}

export class DataShopDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ example: 'Sharma Kirana Store', maxLength: NAME_MAX_LENGTH })
  name: string;

  @ApiProperty({ example: 'sharmakirana@ybl', pattern: UPI_ID.source, maxLength: UPI_ID_MAX_LENGTH })
  upiId: string;

  @ApiProperty({ format: 'date-time' })
  createdAt: string;
}

export class DataAccountDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ format: 'uuid' })
  businessId: string;

  @ApiProperty({ example: 'Sharma Kirana Store', maxLength: NAME_MAX_LENGTH })
  businessName: string;

  @ApiProperty({ example: 'Asha Verma', maxLength: NAME_MAX_LENGTH, description: 'The name the shop knows the customer by' })
  customerName: string;

  @ApiProperty({ example: '+919876543210', pattern: CUSTOMER_PHONE_PATTERN, maxLength: PHONE_MAX_LENGTH })
  customerPhone: string;

  @ApiProperty({
    example: '1250.00',
    pattern: BALANCE_PATTERN,
    maxLength: BALANCE_MAX_LENGTH,
    description: 'Positive: the customer owes; negative: an advance',
  })
  currentBalance: string;

  @ApiProperty({ format: 'date-time' })
  createdAt: string;
}

export class DataEntryDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ format: 'uuid' })
  accountId: string;

  @ApiProperty({ type: 'integer', format: 'int32', minimum: 1, maximum: 2147483647, example: 3 })
  entryNo: number;

  @ApiProperty({ enum: ['credit', 'payment'], description: 'credit: a sale on credit (owed more); payment: money received' })
  type: 'credit' | 'payment';

  @ApiProperty({ example: '500.00', pattern: AMOUNT_PATTERN, maxLength: AMOUNT_MAX_LENGTH })
  amount: string;

  @ApiProperty({ example: '750.00', pattern: BALANCE_PATTERN, maxLength: BALANCE_MAX_LENGTH })
  balanceAfter: string;

  @ApiProperty({ type: String, nullable: true, maxLength: NOTE_MAX_LENGTH, example: 'Rice 5 kg' })
  notes: string | null;

  @ApiProperty({ format: 'date-time' })
  createdAt: string;
}

export class DataClaimDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ format: 'uuid' })
  accountId: string;

  @ApiProperty({ example: '500.00', pattern: AMOUNT_PATTERN, maxLength: AMOUNT_MAX_LENGTH })
  amount: string;

  @ApiProperty({ enum: PAYMENT_STATUSES })
  status: PaymentStatus;

  @ApiProperty({ type: String, nullable: true, pattern: UTR_PATTERN.source, maxLength: 12, example: '412345678901' })
  utr: string | null;

  @ApiProperty({ type: String, nullable: true, maxLength: NOTE_MAX_LENGTH })
  notes: string | null;

  @ApiProperty({ type: String, nullable: true, maxLength: NOTE_MAX_LENGTH, description: 'Why the shop rejected it' })
  rejectionReason: string | null;

  @ApiProperty({ format: 'date-time' })
  createdAt: string;

  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'When it was approved, rejected or cancelled' })
  decidedAt: string | null;
}

/** Everything the API keeps about you as yourself, as one document (India's DPDP Act: your right to your data). */
export class PersonalDataDto {
  @ApiProperty({ format: 'date-time' })
  exportedAt: string;

  @ApiProperty({ type: DataProfileDto })
  profile: DataProfileDto;

  @ApiProperty({ type: DataShopDto, nullable: true, description: 'Your shop, when you are a shop owner' })
  shop: DataShopDto | null;

  @ApiProperty({ type: [DataAccountDto], description: "A shop owner: the shop's customer accounts; a customer: your accounts with shops" })
  accounts: DataAccountDto[];

  @ApiProperty({ type: [DataEntryDto], description: 'The ledger entries of those accounts, by account and entry number' })
  entries: DataEntryDto[];

  @ApiProperty({ type: [DataClaimDto], description: 'The payment claims on those accounts, oldest first' })
  claims: DataClaimDto[];
}
