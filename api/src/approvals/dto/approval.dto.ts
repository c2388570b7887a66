import { ApiProperty } from '@nestjs/swagger';
import { IsText, Trimmed } from '../../text/text';
import { AccountDto } from '../../accounts/dto/account.dto';
import { AMOUNT_PATTERN } from '../../money/money';
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

export class PaymentStatsDto {
  @ApiProperty({ type: 'integer', minimum: 0, example: 3 })
  pendingCount: number;

  @ApiProperty({ example: '1750.00', pattern: AMOUNT_PATTERN })
  pendingTotal: string;

  @ApiProperty({ type: 'integer', minimum: 0, example: 5, description: 'Approved since midnight IST' })
  approvedTodayCount: number;

  @ApiProperty({ example: '4200.00', pattern: AMOUNT_PATTERN })
  approvedTodayTotal: string;

  @ApiProperty({ example: '25300.00', pattern: AMOUNT_PATTERN, description: 'What customers owe in all (sum of positive balances)' })
  receivableTotal: string;
}
