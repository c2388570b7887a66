import { Body, Controller, Get, HttpCode, Post, Req } from '@nestjs/common';
import { ApiBody, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { ApiAuth, ApiErrors } from '../openapi/api-errors';
import { AuthService } from './auth.service';
import { AuthResponseDto, LoginDto, MeDto, RefreshDto, RegisterDto } from './dto/auth.dto';
import { CurrentUser, Principal, Public } from './principal';

@ApiTags('auth')
@Controller()
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Public()
  @Post('auth/register')
  @ApiOperation({
    summary: 'Register a business or a customer',
    description: 'One phone number is one user with one role. Rate-limited per phone and per address.',
  })
  @ApiBody({
    type: RegisterDto,
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
  @ApiCreatedResponse({ type: AuthResponseDto })
  @ApiErrors(409, 429)
  register(@Body() dto: RegisterDto, @Req() request: FastifyRequest): Promise<AuthResponseDto> {
    return this.auth.register(dto, request.ip);
  }

  @Public()
  @Post('auth/login')
  @HttpCode(200)
  @ApiOperation({ summary: 'Log in with phone and password', description: 'Rate-limited per phone and per address.' })
  @ApiBody({ type: LoginDto, examples: { login: { value: { phone: '9876543210', password: 'correct horse battery' } } } })
  @ApiOkResponse({ type: AuthResponseDto })
  @ApiErrors(401, 429)
  login(@Body() dto: LoginDto, @Req() request: FastifyRequest): Promise<AuthResponseDto> {
    return this.auth.login(dto, request.ip);
  }

  @Public()
  @Post('auth/refresh')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Trade a refresh token for a new token pair',
    description: 'Refresh tokens are single-use; presenting a used one signs out every session of that login.',
  })
  @ApiBody({ type: RefreshDto, examples: { refresh: { value: { refreshToken: 'mJ3n0C6i0v3Yx2w0Vt1f6Q8sK9dL4pR7uE5aB2cD1eF' } } } })
  @ApiOkResponse({ type: AuthResponseDto })
  @ApiErrors(401)
  refresh(@Body() dto: RefreshDto): Promise<AuthResponseDto> {
    return this.auth.refresh(dto.refreshToken);
  }

  @Public()
  @Post('auth/logout')
  @HttpCode(204)
  @ApiOperation({ summary: 'Log out: revoke the refresh token and its whole family' })
  @ApiBody({ type: RefreshDto, examples: { logout: { value: { refreshToken: 'mJ3n0C6i0v3Yx2w0Vt1f6Q8sK9dL4pR7uE5aB2cD1eF' } } } })
  @ApiNoContentResponse({ description: 'Logged out (also when the token was already revoked)' })
  @ApiErrors()
  async logout(@Body() dto: RefreshDto): Promise<void> {
    await this.auth.logout(dto.refreshToken);
  }

  @Get('me')
  @ApiOperation({ summary: 'Who am I: the user and their business or customer profile' })
  @ApiOkResponse({ type: MeDto })
  @ApiAuth()
  me(@CurrentUser() principal: Principal): Promise<MeDto> {
    return this.auth.me(principal);
  }
}
