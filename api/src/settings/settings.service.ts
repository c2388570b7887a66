import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { AuthService } from '../auth/auth.service';
import type { AuthResponseDto } from '../auth/dto/auth.dto';
import { hashPassword, verifyPassword } from '../auth/passwords';
import { CLOSED_ACCOUNT_PHONE } from '../auth/phone';
import type { Principal } from '../auth/principal';
import { TokensRepository } from '../auth/tokens.repository';
import { UserRow, UsersRepository } from '../auth/users.repository';
import { BusinessesRepository } from '../businesses/businesses.repository';
import { Database } from '../database/database';
import { iso } from '../database/rows';
import { DomainError } from '../problems/domain-error';
import { ProblemCode } from '../problems/problem-code';
import { tenantOf } from '../tenancy/tenant';
import type { ChangePasswordDto, PersonalDataDto } from './dto/settings.dto';
import { PersonalDataRepository } from './personal-data.repository';

/** "Closed account 7F3A": the same four characters for the same person on every shop's books, and no way back to them. */
export function pseudonymOf(userId: string): string {
  return `Closed account ${createHash('sha256').update(userId).digest('hex').slice(0, 4).toUpperCase()}`;
}

/** Settings of the signed-in user: their password, sessions, recovery codes, their data, and closing the account. */
@Injectable()
export class SettingsService {
  constructor(
    private readonly db: Database,
    private readonly auth: AuthService,
    private readonly users: UsersRepository,
    private readonly tokens: TokensRepository,
    private readonly businesses: BusinessesRepository,
    private readonly personalData: PersonalDataRepository,
  ) {}

  /** The user, when `password` is theirs; `field` names the form field a wrong one is reported on. */
  private async confirmed(principal: Principal, password: string, field: string): Promise<UserRow & { created_at: Date }> {
    const user = await this.users.findCredentials(principal.userId);
    if (!user) throw new DomainError(ProblemCode.Unauthenticated, 'This account is closed');
    if (!(await verifyPassword(user.password_hash, password))) {
      throw new DomainError(ProblemCode.PasswordIncorrect, 'The password is not right', {
        errors: [{ field, message: 'This is not your current password' }],
      });
    }
    return user;
  }

  /** A new password: every session ends, this one gets a new login (the answer's tokens) so it carries on. */
  async changePassword(principal: Principal, dto: ChangePasswordDto): Promise<AuthResponseDto> {
    const user = await this.confirmed(principal, dto.currentPassword, 'currentPassword');
    const passwordHash = await hashPassword(dto.newPassword);
    return this.db.transaction(async () => {
      await this.users.setPassword(user.id, passwordHash);
      await this.tokens.revokeAllOf(user.id);
      return this.auth.issueTokens(user, null);
    });
  }

  /** Every refresh token family of the user is revoked; access tokens already out end on their own within minutes. */
  async logOutEverywhere(principal: Principal): Promise<void> {
    await this.tokens.revokeAllOf(principal.userId);
  }

  async newRecoveryCodes(principal: Principal, password: string): Promise<string[]> {
    const user = await this.confirmed(principal, password, 'password');
    return this.auth.newRecoveryCodes(user.id);
  }

  /** What the API holds about the caller as themselves, within their own tenant only. */
  async export(principal: Principal): Promise<PersonalDataDto> {
    const user = await this.users.findCredentials(principal.userId);
    if (!user) throw new DomainError(ProblemCode.Unauthenticated, 'This account is closed');
    const tenant = tenantOf(principal);
    return this.db.transaction(async () => {
      const shop = tenant.kind === 'business' ? await this.personalData.shop(tenant) : null;
      const [accounts, entries, claims] = [
        await this.personalData.accounts(tenant),
        await this.personalData.entries(tenant),
        await this.personalData.claims(tenant),
      ];
      return {
        exportedAt: new Date().toISOString(),
        profile: { id: user.id, role: user.role, name: user.name, phone: user.phone, createdAt: iso(user.created_at) },
        shop: shop ? { id: shop.id, name: shop.name, upiId: shop.upi_id, createdAt: iso(shop.created_at) } : null,
        accounts: accounts.map((a) => ({
          id: a.id,
          businessId: a.business_id,
          businessName: a.business_name,
          customerName: a.customer_name,
          customerPhone: a.customer_phone,
          currentBalance: a.current_balance,
          createdAt: iso(a.created_at),
        })),
        entries: entries.map((e) => ({
          id: e.id,
          accountId: e.account_id,
          entryNo: e.entry_no,
          type: e.type,
          amount: e.amount,
          balanceAfter: e.balance_after,
          notes: e.notes,
          createdAt: iso(e.created_at),
        })),
        claims: claims.map((c) => ({
          id: c.id,
          accountId: c.account_id,
          amount: c.amount,
          status: c.status,
          utr: c.utr,
          notes: c.notes,
          rejectionReason: c.rejection_reason,
          createdAt: iso(c.created_at),
          decidedAt: iso(c.decided_at),
        })),
      };
    });
  }

  /**
   * Closing the account (confirmed by the password): the login goes and every session ends; the person's name and
   * phone on the books become a pseudonym; entries, balances and claims stay where they are. A shop closes with its
   * owner, and only when its books are settled: no account owes or is owed anything and no claim waits (409
   * `SHOP_HAS_OPEN_BOOKS` otherwise), since its customers' money must not be left with nobody to answer for it.
   */
  async close(principal: Principal, password: string): Promise<void> {
    const user = await this.confirmed(principal, password, 'password');
    const tenant = tenantOf(principal);
    await this.db.transaction(async () => {
      if (tenant.kind === 'business') {
        // Held until commit: adds of customers and claims (`BusinessesRepository.isClosed`) wait, then find it closed.
        await this.businesses.lock(tenant);
        const open = await this.personalData.openBooks(tenant);
        if (open.unsettled > 0 || open.pending > 0) {
          const what = [
            open.unsettled > 0 && `${open.unsettled} account${open.unsettled === 1 ? '' : 's'} with money owed or paid in advance`,
            open.pending > 0 && `${open.pending} claim${open.pending === 1 ? '' : 's'} waiting for a decision`,
          ].filter(Boolean);
          throw new DomainError(ProblemCode.ShopHasOpenBooks, `The shop still has ${what.join(' and ')}; settle them first`);
        }
        await this.personalData.closeShop(tenant);
      } else {
        await this.personalData.pseudonymiseCustomer(tenant, pseudonymOf(user.id), CLOSED_ACCOUNT_PHONE);
      }
      await this.users.close(user.id, pseudonymOf(user.id));
      await this.tokens.revokeAllOf(user.id);
      await this.personalData.forgetLogins(user.id);
    });
  }
}
