import { Scopes } from '../api-keys/scopes';
import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiBody, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { BusinessPrincipal, CurrentBusiness, CurrentCustomer, CurrentUser, CustomerPrincipal, Principal, Roles } from '../auth/principal';
import { ProblemCode } from '../problems/problem-code';
import { ApiAuth, Problems } from '../openapi/api-errors';
import { IdParam } from '../http/validation';
import { byAddress, byUser, RateLimit, refusedWith } from '../rate-limit/rate-limit';
import { AccountsService } from './accounts.service';
import {
  AccountDto,
  AccountPageDto,
  CreateAccountDto,
  JoinDto,
  JoinPreviewDto,
  JoinPreviewQuery,
  ListAccountsQuery,
  MergeAccountDto,
} from './dto/account.dto';

@ApiTags('accounts')
@Controller('accounts')
export class AccountsController {
  constructor(private readonly accounts: AccountsService) {}

  @Post()
  @Roles('business')
  @ApiOperation({
    summary: 'Add a customer (business)',
    description:
      'Creates the account with an optional opening balance (a ledger entry) and returns its invite code for the customer to claim it.',
  })
  @ApiBody({
    type: CreateAccountDto,
    examples: { owes: { value: { name: 'Asha Verma', phone: '98765 43210', openingBalance: '1250.00' } } },
  })
  @ApiCreatedResponse({ type: AccountDto })
  @ApiAuth()
  @Problems(ProblemCode.CustomerExists)
  @Scopes('accounts:write')
  createAccount(@CurrentBusiness() owner: BusinessPrincipal, @Body() dto: CreateAccountDto): Promise<AccountDto> {
    return this.accounts.create(owner, dto);
  }

  @Post('join')
  @Roles('customer')
  @ApiOperation({
    summary: 'Join a business (customer)',
    description:
      "With a business's join code: a new account. With an account's invite code: claim that account; if you already have an " +
      'account with that business, the 409 `ALREADY_LINKED` says so (`accountId`, `canMerge`) and `merge: true` makes the two one. ' +
      'Guessing is rate-limited: codes that match nothing, per user and (generously) per address.',
  })
  @ApiBody({
    type: JoinDto,
    examples: { join: { value: { joinCode: 'K7M3Q9TX' } }, claimAndMerge: { value: { joinCode: 'R8WQ4M2KTP', merge: true } } },
  })
  @ApiCreatedResponse({ type: AccountDto })
  @ApiAuth()
  // With `merge`: the merge's own refusals (the invited account is never closed or claimed, so never ACCOUNTS_NOT_MERGEABLE).
  @Problems(ProblemCode.CodeNotFound, ProblemCode.AlreadyLinked, ProblemCode.AccountHasPendingClaims, ProblemCode.BalanceOutOfRange)
  // Guessing is what is limited: a code that matches nothing keeps its point; any other outcome gives it back.
  @RateLimit({
    charges: [
      ['joinAddress', byAddress],
      ['join', byUser],
    ],
    counts: refusedWith(ProblemCode.CodeNotFound),
  })
  joinBusiness(@CurrentCustomer() customer: CustomerPrincipal, @Body() dto: JoinDto): Promise<AccountDto> {
    return this.accounts.join(customer, dto.joinCode, dto.merge ?? false);
  }

  @Get('join-preview')
  @Roles('customer')
  @ApiOperation({
    summary: 'Look up a join or invite code before joining (customer)',
    description:
      'Says which business a code belongs to, so the app can ask "Join Sharma Kirana Store?". Codes that match nothing are ' +
      'rate-limited on a budget of their own, more generous than joining, which a preview never spends.',
  })
  @ApiOkResponse({ type: JoinPreviewDto })
  @ApiAuth()
  @Problems(ProblemCode.CodeNotFound)
  // The app previews while the customer types: a budget of its own, so a preview never spends the join budget.
  @RateLimit({
    charges: [
      ['joinPreviewAddress', byAddress],
      ['joinPreview', byUser],
    ],
    counts: refusedWith(ProblemCode.CodeNotFound),
  })
  previewJoin(@CurrentCustomer() customer: CustomerPrincipal, @Query() query: JoinPreviewQuery): Promise<JoinPreviewDto> {
    return this.accounts.previewJoin(customer, query.joinCode);
  }

  @Get()
  @ApiOperation({
    summary: 'My accounts with balances',
    description: 'A business: its customers (`q` searches name and phone). A customer: the businesses they owe.',
  })
  @ApiOkResponse({ type: AccountPageDto })
  @ApiAuth()
  @Scopes('accounts:read')
  listAccounts(@CurrentUser() principal: Principal, @Query() query: ListAccountsQuery): Promise<AccountPageDto> {
    return this.accounts.list(principal, query);
  }

  @Post(':accountId/merge')
  @HttpCode(200)
  @Roles('business')
  @ApiOperation({
    summary: 'Merge another account of the same person into this one (business)',
    description:
      'For a person with two accounts at your shop (you added them, and they also joined with your join code; or you added them twice). ' +
      "The other account's balance moves here by a pair of ledger entries (method `merge`); it is closed at zero, keeps its history and " +
      'points here (`mergedInto`); if only it has a customer login, this account takes the login over. Nothing is edited or deleted. ' +
      'Refused (409) while the other account has claims waiting for a decision, for two accounts with two logins, or a closed account.',
  })
  @ApiBody({ type: MergeAccountDto, examples: { merge: { value: { fromAccountId: '0f8c7d6e-5b4a-4392-8e1f-2a3b4c5d6e7f' } } } })
  @ApiOkResponse({ type: AccountDto, description: 'This account, with both balances' })
  @ApiAuth()
  @Problems(
    ProblemCode.AccountNotFound,
    ProblemCode.AccountsNotMergeable,
    ProblemCode.AccountHasPendingClaims,
    ProblemCode.BalanceOutOfRange,
  )
  @Scopes('accounts:write')
  mergeAccount(
    @CurrentBusiness() owner: BusinessPrincipal,
    @IdParam('accountId') accountId: string,
    @Body() dto: MergeAccountDto,
  ): Promise<AccountDto> {
    return this.accounts.merge(owner, accountId, dto.fromAccountId);
  }

  @Get(':accountId')
  @ApiOperation({
    summary: 'One account',
    description: "The business sees its customer's account (with the invite code while unclaimed); a customer sees their own.",
  })
  @ApiOkResponse({ type: AccountDto })
  @ApiAuth()
  @Problems(ProblemCode.AccountNotFound)
  @Scopes('accounts:read')
  getAccount(@CurrentUser() principal: Principal, @IdParam('accountId') accountId: string): Promise<AccountDto> {
    return this.accounts.get(principal, accountId);
  }
}
