import { Injectable } from '@nestjs/common';
import { Database } from '../database/database';
import { GenerateSql, SAMPLE } from '../database/sql-catalogue';

/** A user's unused recovery codes (their hashes). Users are no tenant's data: every statement is about one user. */
@Injectable()
export class RecoveryCodesRepository {
  constructor(private readonly db: Database) {}

  /** The user's codes become exactly these: the old ones stop working. */
  @GenerateSql({ params: [SAMPLE.id, ['sha256-of-a-code', 'sha256-of-another']] })
  async replace(userId: string, codeHashes: string[]): Promise<void> {
    const codes = this.db.system('recovery codes belong to a user, not a tenant');
    await codes.count(`DELETE FROM recovery_codes WHERE user_id = :userId`, { userId });
    await codes.count(
      `INSERT INTO recovery_codes (user_id, code_hash) SELECT CAST(:userId AS uuid), h FROM unnest(CAST(:codeHashes AS varchar[])) h`,
      { userId, codeHashes },
    );
  }

  /** Spends a code: true when it was one of the user's unused codes (it is gone now; a concurrent use of it waits and finds nothing). */
  @GenerateSql({ params: [SAMPLE.id, 'sha256-of-a-code'] })
  async use(userId: string, codeHash: string): Promise<boolean> {
    const used = await this.db
      .system('recovering: the phone and the code are all there is to go by')
      .count(`DELETE FROM recovery_codes WHERE user_id = :userId AND code_hash = :codeHash`, { userId, codeHash });
    return used > 0;
  }

  @GenerateSql({ params: [SAMPLE.id] })
  async left(userId: string): Promise<number> {
    const row = await this.db
      .system('recovery codes belong to a user, not a tenant')
      .one<{ left: number }>(`SELECT count(*)::int AS left FROM recovery_codes WHERE user_id = :userId`, { userId });
    return row!.left;
  }
}
