import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public } from '../auth/principal';
import { Problems } from '../openapi/api-errors';
import { ProblemCode } from '../problems/problem-code';
import { byAddress, RateLimit, refusedWith } from '../rate-limit/rate-limit';
import { AccountsService } from './accounts.service';
import { CodeOwnerDto, JoinPreviewQuery } from './dto/account.dto';

/** A join link opened by someone not signed in yet: the app names the shop on the "Create account" page. */
@ApiTags('accounts')
@Controller('join-codes')
export class JoinCodesController {
  constructor(private readonly accounts: AccountsService) {}

  @Public()
  @Get()
  @ApiOperation({
    summary: "Whose code this is, before signing in (the shop's name only)",
    description:
      "For a join link opened on a phone that is not signed in: the business's name and whether the code makes a new account " +
      '(`join`) or claims one the business made (`invite`). Codes that match nothing are rate-limited per address, on the ' +
      "preview's budget.",
  })
  @ApiOkResponse({ type: CodeOwnerDto })
  @Problems(ProblemCode.CodeNotFound)
  @RateLimit({ charges: [['joinPreviewAddress', byAddress]], counts: refusedWith(ProblemCode.CodeNotFound) })
  codeOwner(@Query() query: JoinPreviewQuery): Promise<CodeOwnerDto> {
    return this.accounts.codeOwner(query.joinCode);
  }
}
