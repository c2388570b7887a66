import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiBody, ApiCreatedResponse, ApiExtraModels, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiAuth, Problems } from '../openapi/api-errors';
import { ProblemCode } from '../problems/problem-code';
import { ClientAddress } from '../rate-limit/client-address';
import { byAddress, byPhone, RateLimit, refusedWith } from '../rate-limit/rate-limit';
import { AuthService } from './auth.service';
import {
  AuthResponseDto,
  LoginDto,
  LoginResponseDto,
  MeDto,
  RecoverDto,
  RecoverResponseDto,
  RefreshDto,
  REGISTER_BODY,
  RegisterBusinessDto,
  RegisterCustomerDto,
  RegisterDto,
  RegisterResponseDto,
} from './dto/auth.dto';
import { CurrentUser, Principal, Public } from './principal';

@ApiTags('auth')
@Controller()
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Public()
  @Post('auth/register')
  @ApiOperation({
    summary: 'Register a business or a customer',
    description:
      'One phone number is one user with one role. Rate-limited per phone, with a generous per-address backstop. ' +
      'Returns a `deviceToken` for this device to send with later logins, and the recovery codes (shown this once).',
  })
  @ApiExtraModels(RegisterCustomerDto, RegisterBusinessDto)
  @ApiBody({
    schema: REGISTER_BODY,
    examples: {
      customer: { value: { role: 'customer', name: 'Asha Verma', phone: '9876543210', password: 'correct horse battery' } },
      business: {
        value: {
          role: 'business',
          name: 'Ravi Sharma',
          phone: '+91 91234 56789',
          password: 'correct horse battery',
          businessName: 'Sharma Kirana Store',
          upiId: 'sharmakirana@ybl',
        },
      },
    },
  })
  @ApiCreatedResponse({ type: RegisterResponseDto })
  @Problems(ProblemCode.PhoneTaken)
  @RateLimit({
    charges: [
      ['registerAddress', byAddress],
      ['register', byPhone],
    ],
  })
  register(@Body() dto: RegisterDto, @ClientAddress() address: string): Promise<RegisterResponseDto> {
    return this.auth.register(dto, { address, deviceToken: dto.deviceToken ?? null });
  }

  @Public()
  @Post('auth/login')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Log in with phone and password',
    description:
      'Failed attempts are limited per phone and, generously, per address; a correct password does not count. A device ' +
      '(`deviceToken`) or address that logged in to this account before has its own budget, so strangers cannot lock the ' +
      'owner out. `failedLoginAttempts` reports wrong passwords entered since the last successful login.',
  })
  @ApiBody({ type: LoginDto, examples: { login: { value: { phone: '9876543210', password: 'correct horse battery' } } } })
  @ApiOkResponse({ type: LoginResponseDto })
  // Failed attempts are limited in the service (per phone, device and address), not by @RateLimit.
  @Problems(ProblemCode.InvalidCredentials, ProblemCode.RateLimited)
  login(@Body() dto: LoginDto, @ClientAddress() address: string): Promise<LoginResponseDto> {
    return this.auth.login(dto, { address, deviceToken: dto.deviceToken ?? null });
  }

  @Public()
  @Post('auth/recover')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Forgot the password: set a new one with a recovery code',
    description:
      'No SMS can be sent here, so the recovery codes from registration (or settings) are the way back in. One unused code ' +
      'of the phone sets the new password and is spent; every session of the user ends (log in again). Limited like login, ' +
      'from the same budgets (per phone, and per address); only a wrong phone or code counts.',
  })
  @ApiBody({
    type: RecoverDto,
    examples: { recover: { value: { phone: '9876543210', recoveryCode: '7F3A-K2QM-9XHD', newPassword: 'a new long passphrase' } } },
  })
  @ApiOkResponse({ type: RecoverResponseDto })
  @Problems(ProblemCode.RecoveryCodeInvalid)
  @RateLimit({
    charges: [
      ['loginAddress', byAddress],
      ['login', byPhone],
    ],
    counts: refusedWith(ProblemCode.RecoveryCodeInvalid),
  })
  recover(@Body() dto: RecoverDto): Promise<RecoverResponseDto> {
    return this.auth.recover(dto);
  }

  @Public()
  @Post('auth/refresh')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Trade a refresh token for a new token pair',
    description:
      'Refresh tokens are single-use; presenting a used one signs out every session of that login. A login ends after ' +
      '`REFRESH_FAMILY_TTL_SECONDS` however often it is refreshed.',
  })
  @ApiBody({ type: RefreshDto, examples: { refresh: { value: { refreshToken: 'mJ3n0C6i0v3Yx2w0Vt1f6Q8sK9dL4pR7uE5aB2cD1eF' } } } })
  @ApiOkResponse({ type: AuthResponseDto })
  @Problems(ProblemCode.RefreshTokenInvalid, ProblemCode.RefreshTokenReused)
  refresh(@Body() dto: RefreshDto): Promise<AuthResponseDto> {
    return this.auth.refresh(dto.refreshToken);
  }

  @Public()
  @Post('auth/logout')
  @HttpCode(204)
  @ApiOperation({
    summary: 'Log out: revoke the refresh token and its whole family',
    description: 'Every refresh token of this login stops working; access tokens already issued run out on their own (minutes).',
  })
  @ApiBody({ type: RefreshDto, examples: { logout: { value: { refreshToken: 'mJ3n0C6i0v3Yx2w0Vt1f6Q8sK9dL4pR7uE5aB2cD1eF' } } } })
  @ApiNoContentResponse({ description: 'Logged out (also when the token was already revoked)' })
  async logout(@Body() dto: RefreshDto): Promise<void> {
    await this.auth.logout(dto.refreshToken);
  }

  @Get('me')
  @ApiOperation({
    summary: 'Who am I: the user and their business or customer profile',
    description: 'A business owner gets `business` (with its join code) and `customer: null`; a customer the reverse.',
  })
  @ApiOkResponse({ type: MeDto })
  @ApiAuth()
  me(@CurrentUser() principal: Principal): Promise<MeDto> {
    return this.auth.me(principal);
  }
}
