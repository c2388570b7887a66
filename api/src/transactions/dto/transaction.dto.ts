import { AMOUNT_MAX_LENGTH, BALANCE_MAX_LENGTH, NOTE_MAX_LENGTH, PAGE_MAX_ITEMS, PAYMENT_METHOD_MAX_LENGTH } from '../../openapi/limits';
import { NEXT_CURSOR } from '../../pagination/pagination';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { AccountDto } from '../../accounts/dto/account.dto';
import { AMOUNT_PATTERN, BALANCE_PATTERN, IsAmount, IsAmountOrZero } from '../../money/money';
import { IsText, Trimmed } from '../../text/text';

export class LedgerTransactionDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ format: 'uuid' })
  accountId: string;

  @ApiProperty({
    enum: ['credit', 'payment'],
    description: 'credit: goods taken on credit (balance up); payment: money received (balance down)',
  })
  type: 'credit' | 'payment';

  @ApiProperty({ example: '250.00', pattern: AMOUNT_PATTERN, maxLength: AMOUNT_MAX_LENGTH })
  amount: string;

  @ApiProperty({ type: String, nullable: true, example: 'Rice 10 kg', maxLength: NOTE_MAX_LENGTH })
  notes: string | null;

  @ApiProperty({
    example: 'manual',
    maxLength: PAYMENT_METHOD_MAX_LENGTH,
    description: '`manual` for entries the business records, `PhonePe` for approved claims, `merge` for the pair that merged two accounts',
  })
  paymentMethod: string;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  approvedAt: string | null;

  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'The approved payment claim this entry came from' })
  originalPendingId: string | null;

  @ApiProperty({ format: 'date-time' })
  createdAt: string;

  @ApiProperty({ format: 'uuid', description: 'The user who recorded or approved it' })
  createdBy: string;

  @ApiProperty({
    type: 'integer',
    format: 'int32',
    minimum: 1,
    maximum: 2147483647,
    example: 12,
    description: 'Its number in the account: 1, 2, 3 ... in the order the balance moved',
  })
  entryNo: number;

  @ApiProperty({
    example: '1250.00',
    pattern: BALANCE_PATTERN,
    maxLength: BALANCE_MAX_LENGTH,
    description: "The account's balance right after this entry (a running balance, read newest first)",
  })
  balanceAfter: string;

  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'This entry corrects that one (see corrections)' })
  correctsEntryId: string | null;

  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'The entry that corrects this one, if any (an entry is corrected once)',
  })
  correctedBy: string | null;
}

export class LedgerPageDto {
  @ApiProperty({ type: [LedgerTransactionDto], maxItems: PAGE_MAX_ITEMS })
  items: LedgerTransactionDto[];

  @ApiProperty(NEXT_CURSOR)
  nextCursor: string | null;
}

export class RecordTransactionDto {
  @ApiProperty({ enum: ['credit', 'payment'] })
  @IsIn(['credit', 'payment'])
  type: 'credit' | 'payment';

  @ApiProperty({ example: '250.50', description: 'Decimal string, at most two decimals, more than zero' })
  @IsAmount()
  amount: string;

  @ApiPropertyOptional({ example: 'Rice 10 kg, dal 2 kg' })
  @IsOptional()
  @Trimmed()
  @IsText({ max: 500 })
  notes?: string;
}

export class RecordedTransactionDto {
  @ApiProperty({ type: LedgerTransactionDto })
  transaction: LedgerTransactionDto;

  @ApiProperty({ type: AccountDto, description: 'The account with its new balance' })
  account: AccountDto;
}

/**
 * A wrong entry is corrected by a further entry, never edited: it moves the balance by the difference between what
 * was recorded and what should have been, and stays linked to the entry it corrects.
 */
export class CorrectEntryDto {
  @ApiProperty({
    example: '50.00',
    description: 'What the entry should have said (`0` if it should not have been recorded at all); different from what it says',
  })
  @IsAmountOrZero()
  correctAmount: string;

  @ApiPropertyOptional({ example: 'Rice was 5 kg, not 50' })
  @IsOptional()
  @Trimmed()
  @IsText({ max: 500 })
  notes?: string;
}
