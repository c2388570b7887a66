import { Injectable } from '@nestjs/common';
import type { BusinessPrincipal, Principal } from '../auth/principal';
import { DomainError } from '../problems/domain-error';
import { ProblemCode } from '../problems/problem-code';
import { tenantOf } from '../tenancy/tenant';
import { BusinessesRepository, BusinessRow } from './businesses.repository';
import type { BusinessDto, UpdateBusinessDto } from './dto/business.dto';
import { newJoinCode } from './codes';

const notFound = () => new DomainError(ProblemCode.BusinessNotFound, 'No such business among yours');

/** The owner sees everything; a customer with an account at the business sees its name and UPI ID. */
function toBusinessDto(row: BusinessRow, viewer: Principal): BusinessDto {
  return { id: row.id, name: row.name, upiId: row.upi_id, joinCode: viewer.role === 'business' ? row.join_code : null };
}

@Injectable()
export class BusinessesService {
  constructor(private readonly businesses: BusinessesRepository) {}

  async get(principal: Principal, businessId: string): Promise<BusinessDto> {
    const row = await this.businesses.find(tenantOf(principal), businessId);
    if (!row) throw notFound();
    return toBusinessDto(row, principal);
  }

  async update(owner: BusinessPrincipal, businessId: string, changes: UpdateBusinessDto): Promise<BusinessDto> {
    if (owner.businessId !== businessId) throw notFound();
    const row = await this.businesses.update({ kind: 'business', businessId }, changes);
    if (!row) throw notFound();
    return toBusinessDto(row, owner);
  }

  /** A new join code; the old one stops working at once. Accounts already joined stay. */
  async regenerateJoinCode(owner: BusinessPrincipal, businessId: string): Promise<BusinessDto> {
    if (owner.businessId !== businessId) throw notFound();
    const row = await this.businesses.setJoinCode({ kind: 'business', businessId }, newJoinCode());
    if (!row) throw notFound();
    return toBusinessDto(row, owner);
  }
}
