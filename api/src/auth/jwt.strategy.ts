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
    if (typeof claims.sub !== 'string') return false;
    const tokenExpiresAt = claims.exp ? claims.exp * 1000 : undefined;
    if (claims.role === 'business' && typeof claims.bid === 'string') {
      return { kind: 'owner', role: 'business', userId: claims.sub, businessId: claims.bid, tokenExpiresAt };
    }
    if (claims.role === 'customer' && typeof claims.cid === 'string') {
      return { kind: 'customer', role: 'customer', userId: claims.sub, customerId: claims.cid, tokenExpiresAt };
    }
    return false;
  }
}
