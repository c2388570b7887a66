import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Principal } from '../auth/principal';
import { DomainError } from '../problems/domain-error';
import { ProblemCode } from '../problems/problem-code';
import type { BusinessDto, UpdateBusinessDto } from './dto/business.dto';
import { newShortCode } from './short-code';

const notFound = () => new DomainError(ProblemCode.BusinessNotFound, 'No such business among yours');

@Injectable()
export class BusinessesService {
  constructor(private readonly dataSource: DataSource) {}

  /** The owner sees everything; a customer with an account at the business sees its name and UPI ID. */
  async get(principal: Principal, businessId: string): Promise<BusinessDto> {
    if (principal.role === 'business') {
      if (principal.businessId !== businessId) throw notFound();
      const [row] = await this.dataSource.query(`SELECT id, name, upi_id, join_code FROM businesses WHERE id = $1`, [businessId]);
      if (!row) throw notFound();
      return { id: row.id, name: row.name, upiId: row.upi_id, joinCode: row.join_code };
    }
    const [row] = await this.dataSource.query(
      `SELECT b.id, b.name, b.upi_id FROM businesses b
        WHERE b.id = $1 AND EXISTS (SELECT 1 FROM customer_credits a WHERE a.business_id = b.id AND a.customer_id = $2)`,
      [businessId, principal.customerId],
    );
    if (!row) throw notFound();
    return { id: row.id, name: row.name, upiId: row.upi_id, joinCode: null };
  }

  async update(principal: Principal, businessId: string, dto: UpdateBusinessDto): Promise<BusinessDto> {
    if (principal.businessId !== businessId) throw notFound();
    const [row] = await this.dataSource.query(
      `WITH u AS (UPDATE businesses SET name = coalesce($2, name), upi_id = coalesce($3, upi_id), updated_at = now()
                   WHERE id = $1 RETURNING id, name, upi_id, join_code)
       SELECT * FROM u`,
      [businessId, dto.name ?? null, dto.upiId ?? null],
    );
    return { id: row.id, name: row.name, upiId: row.upi_id, joinCode: row.join_code };
  }

  /** A new join code; the old one stops working at once. Accounts already joined stay. */
  // (UPDATE ... RETURNING is wrapped in a CTE: TypeORM's query() answers a bare UPDATE with [rows, count].)
  async regenerateJoinCode(principal: Principal, businessId: string): Promise<BusinessDto> {
    if (principal.businessId !== businessId) throw notFound();
    const [row] = await this.dataSource.query(
      `WITH u AS (UPDATE businesses SET join_code = $2, updated_at = now() WHERE id = $1 RETURNING id, name, upi_id, join_code)
       SELECT * FROM u`,
      [businessId, newShortCode(8)],
    );
    return { id: row.id, name: row.name, upiId: row.upi_id, joinCode: row.join_code };
  }
}
