import { useEffect } from 'react';
import { navigate, useLocation } from '../../../app/router';
import { rememberJoinCode } from '../../accounts/utils/join-code';
import { loginFor } from '../utils/next-path';
import { LoginPage } from './LoginPage';
import { RecoverPage } from './RecoverPage';
import { RegisterPage } from './RegisterPage';

/**
 * Before logging in: the login and registration pages. A join link (/join?code=…) opens "Create account" (whoever
 * follows a shop's link is most likely new) with its code kept for after; any other page asked for is kept as the
 * login page's `?next=`, to land there after logging in.
 */
export function PublicPages() {
  const { path, query } = useLocation();
  const code = path === '/join' ? query.get('code') : null;
  const search = query.toString();
  useEffect(() => {
    if (code) rememberJoinCode(code);
    if (code) navigate('/register', { replace: true });
    else if (path !== '/login' && path !== '/register' && path !== '/recover')
      navigate(loginFor(path + (search ? `?${search}` : '')), { replace: true });
  }, [path, code, search]);
  if (path === '/recover') return <RecoverPage />;
  return path === '/register' ? <RegisterPage /> : <LoginPage />;
}
