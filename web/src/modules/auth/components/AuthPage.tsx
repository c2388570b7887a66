import type { ReactNode } from 'react';
import { pendingJoinCode } from '../../accounts/utils/join-code';
import { Banner } from '../../../shared/ui/Banner';
import styles from './AuthPage.module.css';

/** The frame of the login and registration pages: title, the join code waiting (if any), the form, a way across. */
export function AuthPage({ title, banner, children, other }: { title: string; banner?: ReactNode; children: ReactNode; other: ReactNode }) {
  const code = pendingJoinCode();
  return (
    <main className={styles.page} id="main">
      <h1>{title}</h1>
      {code && (
        <Banner>
          Log in or create an account to join the shop with code <strong>{code}</strong>.
        </Banner>
      )}
      {banner}
      {children}
      <p className={styles.switch}>{other}</p>
    </main>
  );
}
