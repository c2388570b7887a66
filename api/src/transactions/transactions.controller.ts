import { Scopes } from '../api-keys/scopes';
import { Body, Controller, Get, Post, Query } from '@nestjs/common';
import { ApiBody, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { BusinessPrincipal, CurrentBusiness, CurrentUser, Principal, Roles } from '../auth/principal';
import { Idempotent } from '../idempotency/idempotent';
import { ApiAuth, Problems } from '../openapi/api-errors';
import { ProblemCode } from '../problems/problem-code';
import { PageQuery } from '../pagination/pagination';
import { IdParam } from '../http/validation';
import { CorrectEntryDto, LedgerPageDto, RecordedTransactionDto, RecordTransactionDto } from './dto/transaction.dto';
import { TransactionsService } from './transactions.service';

@ApiTags('transactions')
@Controller('accounts/:accountId/transactions')
export class TransactionsController {
  constructor(private readonly transactions: TransactionsService) {}

  @Post()
  @Roles('business')
  @ApiOperation({
    summary: 'Record a credit or a cash payment (business)',
    description: 'One ledger entry; the balance moves with it in the same transaction.',
  })
  @Idempotent({ required: false })
  @ApiBody({
    type: RecordTransactionDto,
    examples: {
      credit: { summary: 'Goods on credit', value: { type: 'credit', amount: '350.00', notes: 'Rice 10 kg' } },
      cash: { summary: 'Cash received', value: { type: 'payment', amount: '200', notes: 'Cash at counter' } },
    },
  })
  @ApiCreatedResponse({ type: RecordedTransactionDto })
  @ApiAuth()
  @Problems(ProblemCode.AccountNotFound, ProblemCode.AccountMerged, ProblemCode.BalanceOutOfRange)
  @Scopes('accounts:write')
  recordTransaction(
    @CurrentBusiness() owner: BusinessPrincipal,
    @IdParam('accountId') accountId: string,
    @Body() dto: RecordTransactionDto,
  ): Promise<RecordedTransactionDto> {
    return this.transactions.record(owner, accountId, dto);
  }

  @Post(':entryId/corrections')
  @Roles('business')
  @ApiOperation({
    summary: 'Correct a wrong entry with a further entry (business)',
    description:
      'Nothing is edited: a new entry moves the balance by the difference between what the entry says and `correctAmount` (what it ' +
      'should have said; `0` if it should not have been recorded), linked to it (`correctsEntryId`; the entry then shows ' +
      '`correctedBy`). An entry is corrected once; entries of approved claims, of merges and corrections are not corrected here (409).',
  })
  @Idempotent({ required: false })
  @ApiBody({ type: CorrectEntryDto, examples: { fewer: { value: { correctAmount: '50', notes: 'Rice was 5 kg, not 50' } } } })
  @ApiCreatedResponse({ type: RecordedTransactionDto, description: 'The correcting entry, and the account with its new balance' })
  @ApiAuth()
  @Problems(
    ProblemCode.EntryNotFound,
    ProblemCode.EntryNotCorrectable,
    ProblemCode.EntryAlreadyCorrected,
    ProblemCode.AccountMerged,
    ProblemCode.BalanceOutOfRange,
  )
  @Scopes('accounts:write')
  correctTransaction(
    @CurrentBusiness() owner: BusinessPrincipal,
    @IdParam('accountId') accountId: string,
    @IdParam('entryId') entryId: string,
    @Body() dto: CorrectEntryDto,
  ): Promise<RecordedTransactionDto> {
    return this.transactions.correct(owner, accountId, entryId, dto);
  }

  @Get()
  @ApiOperation({
    summary: "An account's ledger, newest first",
    description: 'In the order the balance moved (`entryNo`), each entry with the balance right after it (`balanceAfter`).',
  })
  @ApiOkResponse({ type: LedgerPageDto })
  @ApiAuth()
  @Problems(ProblemCode.AccountNotFound)
  @Scopes('accounts:read')
  listTransactions(
    @CurrentUser() principal: Principal,
    @IdParam('accountId') accountId: string,
    @Query() query: PageQuery,
  ): Promise<LedgerPageDto> {
    return this.transactions.ledger(principal, accountId, query);
  }
}
