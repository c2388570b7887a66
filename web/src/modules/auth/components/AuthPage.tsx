import { codeOwnerOptions } from '@khata/client';
import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { pendingJoinCode } from '../../accounts/utils/join-code';
import { Banner } from '../../../shared/ui/Banner';
import styles from './AuthPage.module.css';

/** The frame of the login and registration pages: title, the join code waiting (if any), the form, a way across. */
export function AuthPage({
  title,
  banner,
  children,
  other,
  mode = 'login',
}: {
  title: string;
  banner?: ReactNode;
  children: ReactNode;
  other: ReactNode;
  mode?: 'login' | 'register';
}) {
  const code = pendingJoinCode();
  // Whose code it is (a public look-up on the preview's budget, never the join's): the shop is named before signing in.
  const owner = useQuery({ ...codeOwnerOptions({ query: { joinCode: code ?? '' } }), enabled: !!code, retry: false, staleTime: Infinity });
  const shop = owner.data ? <strong>{owner.data.businessName}</strong> : 'the shop';
  return (
    <main className={styles.page} id="main">
      <h1>{title}</h1>
      {code && (
        <Banner>
          {mode === 'register' ? 'Create your account' : 'Log in'} to join {shop} with code <strong>{code}</strong>
          {mode === 'register' ? ' (or log in if you have an account).' : ' (or create an account if you are new).'}
        </Banner>
      )}
      {banner}
      {children}
      <p className={styles.switch}>{other}</p>
    </main>
  );
}
