import { lazy, Suspense, useEffect, useSyncExternalStore } from 'react';
import { queryClient, session } from './shared/api';
import { LoginPage, RegisterPage } from './shared/AuthPages';
import { runLiveEvents } from './shared/events';
import { rememberJoinCode } from './shared/join-code';
import { navigate, useLocation } from './shared/router';
import { Loading, NoticeArea } from './shared/ui';

// Each role's pages load only for that role: the first load stays small on a phone.
const CustomerApp = lazy(() => import('./customer/CustomerApp'));
const BusinessApp = lazy(() => import('./business/BusinessApp'));

function useSession() {
  return useSyncExternalStore(session.subscribe, session.get);
}

function Public() {
  const { path, query } = useLocation();
  const code = path === '/join' ? query.get('code') : null;
  useEffect(() => {
    if (code) rememberJoinCode(code);
    if (path !== '/login' && path !== '/register') navigate('/login', { replace: true });
  }, [path, code]);
  return path === '/register' ? <RegisterPage /> : <LoginPage />;
}

export function App() {
  const current = useSession();
  const userId = current?.user.id;
  const role = current?.user.role;
  const { path } = useLocation();

  useEffect(() => {
    if (!userId) return;
    const stop = new AbortController();
    void runLiveEvents(queryClient, stop.signal);
    return () => stop.abort();
  }, [userId]);

  useEffect(() => {
    if (userId && (path === '/login' || path === '/register')) navigate('/', { replace: true });
  }, [userId, path]);

  return (
    <>
      <NoticeArea />
      {!current ? (
        <Public />
      ) : (
        <Suspense fallback={<Loading />}>
          {role === 'business' ? <BusinessApp user={current.user} /> : <CustomerApp user={current.user} />}
        </Suspense>
      )}
    </>
  );
}
