import { Body, Controller, Get, Post, Query } from '@nestjs/common';
import { ApiBody, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { BusinessPrincipal, CurrentBusiness, CurrentUser, Principal, Roles } from '../auth/principal';
import { Idempotent } from '../idempotency/idempotent';
import { ApiAuth } from '../openapi/api-errors';
import { PageQuery } from '../pagination/pagination';
import { IdParam } from '../http/validation';
import { LedgerPageDto, RecordedTransactionDto, RecordTransactionDto } from './dto/transaction.dto';
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
  @ApiAuth(403, 404, 409, 422)
  recordTransaction(
    @CurrentBusiness() owner: BusinessPrincipal,
    @IdParam('accountId') accountId: string,
    @Body() dto: RecordTransactionDto,
  ): Promise<RecordedTransactionDto> {
    return this.transactions.record(owner, accountId, dto);
  }

  @Get()
  @ApiOperation({ summary: "An account's ledger, newest first" })
  @ApiOkResponse({ type: LedgerPageDto })
  @ApiAuth(404)
  listTransactions(
    @CurrentUser() principal: Principal,
    @IdParam('accountId') accountId: string,
    @Query() query: PageQuery,
  ): Promise<LedgerPageDto> {
    return this.transactions.ledger(principal, accountId, query);
  }
}
