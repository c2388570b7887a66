import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { User } from './user.entity';

/**
 * Failed logins to this user since its last successful login: reported to the owner in the next login's response
 * (and then cleared). One row per user, so an attacker's failures cannot grow the table.
 */
@Entity({ name: 'login_failure_notices' })
export class LoginFailureNotice {
  @PrimaryColumn({ name: 'user_id', type: 'uuid', primaryKeyConstraintName: 'login_failure_notices_pkey' })
  userId: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'login_failure_notices_user_fk' })
  user?: User;

  @Column({ type: 'int' })
  attempts: number;

  @Column({ name: 'first_at', type: 'timestamptz' })
  firstAt: Date;

  @Column({ name: 'last_at', type: 'timestamptz' })
  lastAt: Date;
}
