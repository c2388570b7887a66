import { lazy, Suspense, useEffect, useSyncExternalStore } from 'react';
import { PublicPages } from '../modules/auth/components/PublicPages';
import { queryClient } from '../shared/api/query-client';
import { runLiveEvents } from '../shared/events/live-events';
import { session } from '../shared/session/session';
import { Loading } from '../shared/ui/Loading';
import { NoticeArea } from '../shared/ui/Notice';
import { navigate, useLocation } from './router';

// Each role's pages load only for that role: the first load stays small on a phone.
const CustomerApp = lazy(() => import('./CustomerApp'));
const BusinessApp = lazy(() => import('./BusinessApp'));

function useSession() {
  return useSyncExternalStore(session.subscribe, session.get);
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
    if (userId && (path === '/login' || path === '/register' || path === '/recover')) navigate('/', { replace: true });
  }, [userId, path]);

  return (
    <>
      <NoticeArea />
      {!current ? (
        <PublicPages />
      ) : (
        <Suspense fallback={<Loading />}>
          {role === 'business' ? <BusinessApp user={current.user} /> : <CustomerApp user={current.user} />}
        </Suspense>
      )}
    </>
  );
}
