import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsOptional, IsString, IsUUID, Matches } from 'class-validator';
import { CUSTOMER_PHONE_PATTERN, IsIndianPhone } from '../../auth/phone';
import { normalizeCode, TYPED_CODE_MAX_LENGTH } from '../../businesses/short-code';
import { BALANCE_PATTERN, IsSignedAmount } from '../../money/money';
import { PageQuery } from '../../pagination/pagination';
import { IsText } from '../../text/text';

const trim = Transform(({ value }) => (typeof value === 'string' ? value.trim() : value));

export class AccountDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ format: 'uuid' })
  businessId: string;

  @ApiProperty({ example: 'Sharma Kirana Store' })
  businessName: string;

  @ApiProperty({ example: 'sharmakirana@ybl', description: 'Where the customer pays' })
  businessUpiId: string;

  @ApiProperty({ format: 'uuid' })
  customerId: string;

  @ApiProperty({ example: 'Asha Verma' })
  customerName: string;

  @ApiProperty({
    example: '+919876543210',
    pattern: CUSTOMER_PHONE_PATTERN,
    description: '`+91` and 10 digits (`+910000000000`: the Test Customer of the development endpoint)',
  })
  customerPhone: string;

  @ApiProperty({
    example: '1250.00',
    pattern: BALANCE_PATTERN,
    description: 'Positive: the customer owes; negative: an advance. Two decimals.',
  })
  currentBalance: string;

  @ApiProperty({
    example: 'R8WQ4M2KTP',
    nullable: true,
    type: String,
    description: 'Business side, while unclaimed: the code the customer joins with',
  })
  inviteCode: string | null;

  @ApiProperty({ description: 'Whether a customer login is linked to this account' })
  claimed: boolean;

  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'Set when this account was merged into another: it is closed at zero and keeps its history; use that account',
  })
  mergedInto: string | null;

  @ApiProperty({ format: 'date-time' })
  createdAt: string;
}

export class AccountPageDto {
  @ApiProperty({ type: [AccountDto] })
  items: AccountDto[];

  @ApiProperty({ type: String, nullable: true })
  nextCursor: string | null;
}

export class CreateAccountDto {
  @ApiProperty({ example: 'Asha Verma' })
  @trim
  @IsText({ min: 1, max: 100 }) // customers.name
  name: string;

  @ApiProperty({ example: '98765 43210' })
  @IsIndianPhone()
  phone: string;

  @ApiPropertyOptional({
    example: '1250.00',
    description: 'What the customer owes today (a credit entry); negative for an advance (a payment entry); "0" for none',
  })
  @IsOptional()
  @IsSignedAmount()
  openingBalance?: string;
}

export class JoinDto {
  @ApiProperty({
    example: 'K7M3Q9TX',
    maxLength: TYPED_CODE_MAX_LENGTH,
    description: "A business's join code, or the invite code of an account the business made for you",
  })
  @Transform(({ value }) => normalizeCode(value))
  @IsString()
  @Matches(/^[2-9A-HJ-NP-Z]{8,16}$/, { message: 'joinCode must be the 8- or 10-character code the business gave you' })
  joinCode: string;

  @ApiPropertyOptional({
    default: false,
    description:
      'With an invite code of a business you already have an account with: merge that account into the invited one ' +
      '(its balance moves over by a pair of `merge` ledger entries; it is closed and keeps its history). Without it, that case is 409 `ALREADY_LINKED`.',
  })
  @IsOptional()
  @IsBoolean()
  merge?: boolean;
}

export class MergeAccountDto {
  @ApiProperty({ format: 'uuid', description: 'The other account of the same person, to merge into this one' })
  @IsUUID('4')
  fromAccountId: string;
}

export class JoinPreviewQuery {
  @ApiProperty({
    example: 'K7M3Q9TX',
    maxLength: TYPED_CODE_MAX_LENGTH,
    description: 'The code to look up (as typed: case, spaces and dashes do not matter)',
  })
  @Transform(({ value }) => normalizeCode(value))
  @IsString()
  @Matches(/^[2-9A-HJ-NP-Z]{8,16}$/, { message: 'joinCode must be the 8- or 10-character code the business gave you' })
  joinCode: string;
}

export class JoinPreviewDto {
  @ApiProperty({ format: 'uuid' })
  businessId: string;

  @ApiProperty({ example: 'Sharma Kirana Store' })
  businessName: string;

  @ApiProperty({
    enum: ['join', 'invite'],
    description: "join: the business's join code (a new account); invite: an account the business made for you",
  })
  kind: 'join' | 'invite';

  @ApiProperty({
    type: String,
    nullable: true,
    example: 'Asha Verma',
    description: 'For an invite: the name the business gave the account',
  })
  accountName: string | null;

  @ApiProperty({ description: 'You already have an account with this business (joining would be refused)' })
  alreadyLinked: boolean;

  @ApiProperty({ description: 'An invite code of a business you already have an account with: joining with `merge: true` makes them one' })
  canMerge: boolean;
}

export class ListAccountsQuery extends PageQuery {
  @ApiPropertyOptional({ description: 'Business side: search customer name or phone', example: 'asha' })
  @IsOptional()
  @IsText({ max: 100 })
  q?: string;
}
