import type { LoginResponseDto } from '@khata/client';
import { navigate } from '../../../app/router';
import { queryClient } from '../../../shared/api/query-client';
import { afterLogin } from '../../../shared/session/device';
import { session } from '../../../shared/session/session';
import { pendingJoinCode } from '../../accounts/utils/join-code';
import { currentNextPath } from './next-path';

/**
 * After a login or registration: a clean cache, the session, and on to the join code a link brought, if any, else
 * to the page a deep link asked for (`?next=`, a path of this site only), else home.
 */
export function startSession(auth: LoginResponseDto) {
  const next = currentNextPath();
  queryClient.clear();
  afterLogin(auth);
  session.set(auth);
  const code = pendingJoinCode();
  navigate(auth.user.role === 'customer' && code ? `/join?code=${encodeURIComponent(code)}` : (next ?? '/'), { replace: true });
}
