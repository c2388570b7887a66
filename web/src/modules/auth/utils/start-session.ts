import type { LoginResponseDto } from '@khata/client';
import { navigate } from '../../../app/router';
import { queryClient } from '../../../shared/api/query-client';
import { afterLogin } from '../../../shared/session/device';
import { session } from '../../../shared/session/session';
import { pendingJoinCode } from '../../accounts/utils/join-code';

/** After a login or registration: a clean cache, the session, and on to the join code a link brought, if any. */
export function startSession(auth: LoginResponseDto) {
  queryClient.clear();
  afterLogin(auth);
  session.set(auth);
  const code = pendingJoinCode();
  navigate(auth.user.role === 'customer' && code ? `/join?code=${encodeURIComponent(code)}` : '/', { replace: true });
}
