import { CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { User } from './user.entity';

/**
 * One unused recovery code of a user: only the SHA-256 of the user's id and the code is kept (the codes carry 60
 * random bits each, so a hash is enough; the id salts it). Shown once; deleted when used or when new ones are made.
 */
@Entity({ name: 'recovery_codes' })
export class RecoveryCode {
  @PrimaryColumn({ name: 'user_id', type: 'uuid', primaryKeyConstraintName: 'recovery_codes_pkey' })
  userId: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'recovery_codes_user_fk' })
  user?: User;

  @PrimaryColumn({ name: 'code_hash', type: 'varchar', length: 64, primaryKeyConstraintName: 'recovery_codes_pkey' })
  codeHash: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
