import { Module, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { PassportModule } from '@nestjs/passport';
import { ApiKeysModule } from '../api-keys/api-keys.module';
import { AuthController } from './auth.controller';
import { JwtAuthGuard, RolesGuard } from './auth.guards';
import { AuthService } from './auth.service';
import { JwtStrategy } from './jwt.strategy';
import { LoginAttempts } from './login-attempts';

const PURGE_EVERY_MS = 60 * 60 * 1000;

@Module({
  imports: [PassportModule, JwtModule.register({}), ApiKeysModule],
  controllers: [AuthController],
  providers: [
    AuthService,
    LoginAttempts,
    JwtStrategy,
    { provide: APP_GUARD, useClass: JwtAuthGuard },
    { provide: APP_GUARD, useClass: RolesGuard },
  ],
  exports: [AuthService],
})
export class AuthModule implements OnModuleInit, OnApplicationShutdown {
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly auth: AuthService,
    private readonly loginAttempts: LoginAttempts,
  ) {}

  onModuleInit() {
    // Every API process purges; the DELETEs are idempotent, so several at once do no harm.
    this.timer = setInterval(() => {
      void this.auth.purgeEndedTokens().catch(() => undefined);
      void this.loginAttempts.purgeStale().catch(() => undefined);
    }, PURGE_EVERY_MS);
    this.timer.unref();
  }

  onApplicationShutdown() {
    clearInterval(this.timer);
  }
}
