import { useEffect } from 'react';
import { navigate, useLocation } from '../../../app/router';
import { rememberJoinCode } from '../../accounts/utils/join-code';
import { LoginPage } from './LoginPage';
import { RecoverPage } from './RecoverPage';
import { RegisterPage } from './RegisterPage';

/** Before logging in: the login and registration pages; a join link's code is kept for after. */
export function PublicPages() {
  const { path, query } = useLocation();
  const code = path === '/join' ? query.get('code') : null;
  useEffect(() => {
    if (code) rememberJoinCode(code);
    if (path !== '/login' && path !== '/register' && path !== '/recover') navigate('/login', { replace: true });
  }, [path, code]);
  if (path === '/recover') return <RecoverPage />;
  return path === '/register' ? <RegisterPage /> : <LoginPage />;
}
