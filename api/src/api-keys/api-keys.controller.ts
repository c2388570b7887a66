import { Body, Controller, Delete, Get, Post, Query } from '@nestjs/common';
import { ApiBody, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { BusinessPrincipal, CurrentBusiness, Roles } from '../auth/principal';
import { IdParam } from '../http/validation';
import { ApiAuth, Problems } from '../openapi/api-errors';
import { ProblemCode } from '../problems/problem-code';
import { PageQuery } from '../pagination/pagination';
import { ApiKeysService } from './api-keys.service';
import { ApiKeyDto, ApiKeyPageDto, CreateApiKeyDto, CreatedApiKeyDto } from './dto/api-key.dto';
import { SCOPE_DESCRIPTIONS, SCOPES } from './scopes';

const SCOPE_LIST = SCOPES.map((scope) => `\`${scope}\` (${SCOPE_DESCRIPTIONS[scope].toLowerCase()})`).join('; ');

/** The owner's API keys. Managed with the owner's sign-in only: a key cannot make, list or revoke keys. */
@ApiTags('api-keys')
@Controller('api-keys')
@Roles('business')
export class ApiKeysController {
  constructor(private readonly keys: ApiKeysService) {}

  @Post()
  @ApiOperation({
    summary: 'Make an API key (owner); the key is in this response only',
    description:
      `The key acts for your business, with the scopes given: ${SCOPE_LIST}. Send it as the \`X-Api-Key\` header. ` +
      'Only its SHA-256 hash is kept: copy it now, it cannot be shown again.',
  })
  @ApiBody({ type: CreateApiKeyDto, examples: { sync: { value: { name: 'Tally sync', scopes: ['payments:read', 'payments:decide'] } } } })
  @ApiCreatedResponse({ type: CreatedApiKeyDto })
  @ApiAuth()
  createApiKey(@CurrentBusiness() owner: BusinessPrincipal, @Body() dto: CreateApiKeyDto): Promise<CreatedApiKeyDto> {
    return this.keys.create(owner, dto);
  }

  @Get()
  @ApiOperation({
    summary: "The business's API keys, newest first, revoked ones included (owner)",
    description: 'Each with its prefix, scopes and when it was last used; never the key itself (only its hash is kept).',
  })
  @ApiOkResponse({ type: ApiKeyPageDto })
  @ApiAuth()
  listApiKeys(@CurrentBusiness() owner: BusinessPrincipal, @Query() query: PageQuery): Promise<ApiKeyPageDto> {
    return this.keys.list(owner, query);
  }

  @Delete(':apiKeyId')
  @ApiOperation({
    summary: 'Revoke an API key (owner)',
    description:
      'Requests with the key are refused from now on, on every server (401 `API_KEY_INVALID`). Revoking it again changes nothing.',
  })
  @ApiOkResponse({ type: ApiKeyDto })
  @ApiAuth()
  @Problems(ProblemCode.ApiKeyNotFound)
  revokeApiKey(@CurrentBusiness() owner: BusinessPrincipal, @IdParam('apiKeyId') apiKeyId: string): Promise<ApiKeyDto> {
    return this.keys.revoke(owner, apiKeyId);
  }
}
