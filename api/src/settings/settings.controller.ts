import { Body, Controller, Get, HttpCode, Post, Res } from '@nestjs/common';
import { ApiBody, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { AuthResponseDto } from '../auth/dto/auth.dto';
import { CurrentUser, Principal } from '../auth/principal';
import { ApiAuth, Problems } from '../openapi/api-errors';
import { ProblemCode } from '../problems/problem-code';
import { byUser, RateLimit, RateLimitSpec, refusedWith } from '../rate-limit/rate-limit';
import { ChangePasswordDto, PasswordConfirmationDto, PersonalDataDto, RecoveryCodesDto } from './dto/settings.dto';
import { CSV_COLUMNS, personalDataCsv } from './personal-data.csv';
import { SettingsService } from './settings.service';

/** A wrong current password costs a point of the user's own login budget: a stolen session cannot guess the password. */
const PASSWORD_GUESSES: RateLimitSpec = { charges: [['login', byUser]], counts: refusedWith(ProblemCode.PasswordIncorrect) };

/** `khata-pay-data-2026-11-30.json`: the day in India. */
function filename(extension: 'json' | 'csv'): string {
  const day = new Date(Date.now() + 5.5 * 3600_000).toISOString().slice(0, 10);
  return `khata-pay-data-${day}.${extension}`;
}

const attachment = (name: string) => `attachment; filename="${name}"`;

const DISPOSITION = {
  'Content-Disposition': {
    required: true,
    description: 'A download: `attachment; filename="khata-pay-data-<date>.<json|csv>"`',
    schema: { type: 'string', pattern: '^attachment; filename="khata-pay-data-[0-9]{4}-[0-9]{2}-[0-9]{2}\\.(json|csv)"$', maxLength: 60 },
  },
} as const;

@ApiTags('settings')
@Controller('me')
export class SettingsController {
  constructor(private readonly settings: SettingsService) {}

  @Post('password')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Change your password',
    description:
      'With the current password. Every session of yours ends (other phones are logged out at their next refresh; access ' +
      'tokens already out end within `ACCESS_TOKEN_TTL_SECONDS`); this one carries on with the new tokens in the answer. A ' +
      'wrong current password is `PASSWORD_INCORRECT` and counts against your login budget.',
  })
  @ApiBody({
    type: ChangePasswordDto,
    examples: { change: { value: { currentPassword: 'my current password', newPassword: 'a new long passphrase' } } },
  })
  @ApiOkResponse({ type: AuthResponseDto })
  @ApiAuth()
  @Problems(ProblemCode.PasswordIncorrect)
  @RateLimit(PASSWORD_GUESSES)
  changePassword(@CurrentUser() principal: Principal, @Body() dto: ChangePasswordDto): Promise<AuthResponseDto> {
    return this.settings.changePassword(principal, dto);
  }

  @Post('logout-everywhere')
  @HttpCode(204)
  @ApiOperation({
    summary: 'Log out everywhere',
    description:
      'Revokes every login (refresh token family) of yours, this one included. Access tokens already out are not ' +
      'revocable and end on their own within `ACCESS_TOKEN_TTL_SECONDS` (15 minutes by default).',
  })
  @ApiNoContentResponse({ description: 'Every session is ended' })
  @ApiAuth()
  async logOutEverywhere(@CurrentUser() principal: Principal): Promise<void> {
    await this.settings.logOutEverywhere(principal);
  }

  @Post('recovery-codes')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Make new recovery codes',
    description: 'With the password. The old codes stop working; the new ones are shown this once.',
  })
  @ApiBody({ type: PasswordConfirmationDto, examples: { confirm: { value: { password: 'my current password' } } } })
  @ApiOkResponse({ type: RecoveryCodesDto })
  @ApiAuth()
  @Problems(ProblemCode.PasswordIncorrect)
  @RateLimit(PASSWORD_GUESSES)
  async newRecoveryCodes(@CurrentUser() principal: Principal, @Body() dto: PasswordConfirmationDto): Promise<RecoveryCodesDto> {
    return { recoveryCodes: await this.settings.newRecoveryCodes(principal, dto.password) };
  }

  @Get('data')
  @ApiOperation({
    summary: 'Download my data (JSON)',
    description:
      'Everything kept about you as yourself, within your own shop or accounts: profile, accounts, ledger entries and ' +
      "payment claims (India's Digital Personal Data Protection Act, 2023: the right to your data). As a download.",
  })
  @ApiOkResponse({ type: PersonalDataDto, headers: DISPOSITION })
  @ApiAuth()
  async downloadMyData(@CurrentUser() principal: Principal, @Res({ passthrough: true }) reply: FastifyReply): Promise<PersonalDataDto> {
    const data = await this.settings.export(principal);
    void reply.header('Content-Disposition', attachment(filename('json')));
    return data;
  }

  @Get('data.csv')
  @ApiOperation({
    summary: 'Download my data (CSV)',
    description: `The same as \`GET /me/data\`, as one table for a spreadsheet, a row per record (profile, shop, account, entry, claim); columns: ${CSV_COLUMNS.join(', ')}.`,
  })
  @ApiProduces('text/csv')
  @ApiOkResponse({
    description: 'The data as CSV (UTF-8 with a byte-order mark, CRLF)',
    content: { 'text/csv': { schema: { type: 'string', example: `${CSV_COLUMNS.join(',')}\r\nprofile,...` } } },
    headers: DISPOSITION,
  })
  @ApiAuth()
  async downloadMyDataCsv(@CurrentUser() principal: Principal, @Res({ passthrough: true }) reply: FastifyReply): Promise<string> {
    const data = await this.settings.export(principal);
    void reply.header('Content-Type', 'text/csv; charset=utf-8').header('Content-Disposition', attachment(filename('csv')));
    return personalDataCsv(data);
  }

  @Post('close')
  @HttpCode(204)
  @ApiOperation({
    summary: 'Close my account',
    description:
      'With the password. The login goes (nobody can log in to it; every session ends; the phone may register again) and ' +
      'your name and phone on every shop’s books become a pseudonym ("Closed account 7F3A"); the ledger entries and ' +
      'claims stay in the books. A shop owner’s shop closes with them (its customers keep reading their ledgers; nobody can ' +
      'join it), and only when its books are settled: `SHOP_HAS_OPEN_BOOKS` while an account owes or is owed anything or a ' +
      'claim waits.',
  })
  @ApiBody({ type: PasswordConfirmationDto, examples: { confirm: { value: { password: 'my current password' } } } })
  @ApiNoContentResponse({ description: 'The account is closed' })
  @ApiAuth()
  @Problems(ProblemCode.PasswordIncorrect, ProblemCode.ShopHasOpenBooks)
  @RateLimit(PASSWORD_GUESSES)
  async closeAccount(@CurrentUser() principal: Principal, @Body() dto: PasswordConfirmationDto): Promise<void> {
    await this.settings.close(principal, dto.password);
  }
}
