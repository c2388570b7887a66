import { TOTAL_MAX_LENGTH } from '../../openapi/limits';
import { ApiProperty } from '@nestjs/swagger';
import { IsText, Trimmed } from '../../text/text';
import { AccountDto } from '../../accounts/dto/account.dto';
import { AMOUNT_PATTERN, BALANCE_PATTERN } from '../../money/money';
import { PaymentDto } from '../../payments/dto/payment.dto';
import { LedgerTransactionDto } from '../../transactions/dto/transaction.dto';

export class ApprovalDto {
  @ApiProperty({ type: PaymentDto, description: 'The payment, now approved' })
  payment: PaymentDto;

  @ApiProperty({ type: LedgerTransactionDto, description: 'The one ledger entry the approval wrote' })
  transaction: LedgerTransactionDto;

  @ApiProperty({ type: AccountDto, description: 'The account with its lowered balance' })
  account: AccountDto;
}

export class RejectPaymentDto {
  @ApiProperty({ example: 'Amount not received in our account' })
  @Trimmed()
  @IsText({ min: 1, max: 500 })
  reason: string;
}

/** Money received in a period of the calendar in India: payment entries, less the corrections that took some back. */
export class CollectionsDto {
  @ApiProperty({ example: '1200.00', pattern: BALANCE_PATTERN, maxLength: TOTAL_MAX_LENGTH, description: 'Since midnight IST' })
  today: string;

  @ApiProperty({ example: '8450.50', pattern: BALANCE_PATTERN, maxLength: TOTAL_MAX_LENGTH, description: 'Since Monday, midnight IST' })
  thisWeek: string;

  @ApiProperty({
    example: '31200.00',
    pattern: BALANCE_PATTERN,
    maxLength: TOTAL_MAX_LENGTH,
    description: 'Since the 1st of the month, midnight IST',
  })
  thisMonth: string;
}

export class PaymentStatsDto {
  @ApiProperty({ type: 'integer', format: 'int32', minimum: 0, maximum: 2147483647, example: 3 })
  pendingCount: number;

  @ApiProperty({ example: '1750.00', pattern: AMOUNT_PATTERN, maxLength: TOTAL_MAX_LENGTH })
  pendingTotal: string;

  @ApiProperty({
    type: 'integer',
    format: 'int32',
    minimum: 0,
    maximum: 2147483647,
    example: 5,
    description: 'Approved since midnight IST',
  })
  approvedTodayCount: number;

  @ApiProperty({ example: '4200.00', pattern: AMOUNT_PATTERN, maxLength: TOTAL_MAX_LENGTH })
  approvedTodayTotal: string;

  @ApiProperty({
    example: '25300.00',
    pattern: AMOUNT_PATTERN,
    maxLength: TOTAL_MAX_LENGTH,
    description: 'What customers owe in all (sum of positive balances)',
  })
  receivableTotal: string;

  @ApiProperty({ type: CollectionsDto, description: 'Money received (approved claims and cash recorded, less corrections of them)' })
  collected: CollectionsDto;
}
