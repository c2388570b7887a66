import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsOptional, IsUUID } from 'class-validator';
import { CUSTOMER_PHONE_PATTERN, IsIndianPhone } from '../../auth/phone';
import { INVITE_CODE_LENGTH, INVITE_CODE_PATTERN, IsTypedCode } from '../../businesses/codes';
import { UPI_ID, UPI_ID_MAX_LENGTH } from '../../auth/dto/auth.dto';
import { BALANCE_MAX_LENGTH, NAME_MAX_LENGTH, PAGE_MAX_ITEMS, PHONE_MAX_LENGTH, TOTAL_MAX_LENGTH } from '../../openapi/limits';
import { AMOUNT_PATTERN, BALANCE_PATTERN, IsSignedAmount } from '../../money/money';
import { NEXT_CURSOR, PageQuery } from '../../pagination/pagination';
import { IsText, Trimmed } from '../../text/text';

export class AccountDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ format: 'uuid' })
  businessId: string;

  @ApiProperty({ example: 'Sharma Kirana Store', maxLength: NAME_MAX_LENGTH })
  businessName: string;

  @ApiProperty({
    example: 'sharmakirana@ybl',
    pattern: UPI_ID.source,
    maxLength: UPI_ID_MAX_LENGTH,
    description: 'Where the customer pays',
  })
  businessUpiId: string;

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

  @ApiProperty({
    example: '1250.00',
    pattern: BALANCE_PATTERN,
    maxLength: BALANCE_MAX_LENGTH,
    description: 'Positive: the customer owes; negative: an advance. Two decimals.',
  })
  currentBalance: string;

  @ApiProperty({
    example: 'R8WQ4M2KTP',
    nullable: true,
    type: String,
    pattern: INVITE_CODE_PATTERN,
    maxLength: INVITE_CODE_LENGTH,
    description: 'Business side, while unclaimed: the code the customer joins with (10 characters)',
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

  @ApiProperty({
    example: '500.00',
    pattern: AMOUNT_PATTERN,
    maxLength: TOTAL_MAX_LENGTH,
    description: "Claims of this account waiting for the business's decision, in all (they do not move the balance until approved)",
  })
  pendingTotal: string;

  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'Since when the account has owed (its balance went above zero); null while settled or in advance',
  })
  dueSince: string | null;

  @ApiProperty({ format: 'date-time' })
  createdAt: string;
}

export class AccountPageDto {
  @ApiProperty({ type: [AccountDto], maxItems: PAGE_MAX_ITEMS })
  items: AccountDto[];

  @ApiProperty(NEXT_CURSOR)
  nextCursor: string | null;
}

export class CreateAccountDto {
  @ApiProperty({ example: 'Asha Verma' })
  @Trimmed()
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

/** `?joinCode=` of the preview. */
export class JoinPreviewQuery {
  @IsTypedCode('The code to look up (as typed: case, spaces and dashes do not matter)')
  joinCode: string;
}

export class JoinDto {
  @IsTypedCode("A business's join code, or the invite code of an account the business made for you")
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

export class JoinPreviewDto {
  @ApiProperty({ format: 'uuid' })
  businessId: string;

  @ApiProperty({ example: 'Sharma Kirana Store', maxLength: NAME_MAX_LENGTH })
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
    maxLength: NAME_MAX_LENGTH,
    description: 'For an invite: the name the business gave the account',
  })
  accountName: string | null;

  @ApiProperty({ description: 'You already have an account with this business (joining would be refused)' })
  alreadyLinked: boolean;

  @ApiProperty({ description: 'An invite code of a business you already have an account with: joining with `merge: true` makes them one' })
  canMerge: boolean;
}

export class ListAccountsQuery extends PageQuery {
  @ApiPropertyOptional({
    enum: ['recent', 'owed', 'oldestDue'],
    default: 'recent',
    description: 'recent: newest first; owed: most owed first; oldestDue: owed the longest first (settled and advances last)',
  })
  @IsOptional()
  @IsIn(['recent', 'owed', 'oldestDue'])
  sort?: 'recent' | 'owed' | 'oldestDue';

  @ApiPropertyOptional({ description: 'Business side: search customer name or phone', example: 'asha' })
  @IsOptional()
  @IsText({ max: 100 })
  q?: string;
}

/** What anyone holding a code may learn before signing in: whose code it is. */
export class CodeOwnerDto {
  @ApiProperty({ example: 'Sharma Kirana Store', maxLength: NAME_MAX_LENGTH })
  businessName: string;

  @ApiProperty({
    enum: ['join', 'invite'],
    description: "join: the business's join code (a new account); invite: an account the business made for someone",
  })
  kind: 'join' | 'invite';
}
