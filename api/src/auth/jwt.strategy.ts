import { Inject, Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { createSecretKey } from 'node:crypto';
import { ExtractJwt, Strategy } from 'passport-jwt';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import type { Principal } from './principal';

export const TOKEN_AUDIENCE = 'khata-pay-api';
export const TOKEN_ISSUER = 'khata-pay';

export interface AccessTokenClaims {
  sub: string;
  role: 'business' | 'customer';
  bid?: string;
  cid?: string;
  exp?: number;
}

@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy) {
  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    super({
      jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
      // A KeyObject, not the string: given a string, jsonwebtoken 9 first tries to parse it as a PEM public key on
      // every verify and falls back after the exception. That failed parse was 40% of the API's CPU per request
      // (CPU profile in bench/REPORT.md). jsonwebtoken accepts a KeyObject; @types/passport-jwt only knows strings and Buffers.
      secretOrKey: createSecretKey(Buffer.from(config.jwtSecret)) as unknown as Buffer,
      algorithms: ['HS256'],
      audience: TOKEN_AUDIENCE,
      issuer: TOKEN_ISSUER,
      ignoreExpiration: false,
    });
  }

  validate(claims: AccessTokenClaims): Principal | false {
    if (typeof claims.sub !== 'string' || (claims.role !== 'business' && claims.role !== 'customer')) return false;
    const businessId = claims.role === 'business' && typeof claims.bid === 'string' ? claims.bid : null;
    const customerId = claims.role === 'customer' && typeof claims.cid === 'string' ? claims.cid : null;
    if (!businessId && !customerId) return false;
    return { userId: claims.sub, role: claims.role, businessId, customerId, tokenExpiresAt: claims.exp ? claims.exp * 1000 : undefined };
  }
}
