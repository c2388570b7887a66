import { logout } from '@khata/client';
import { navigate } from '../../../app/router';
import { queryClient } from '../../../shared/api/query-client';
import { dismissLoginAlert } from '../../../shared/session/device';
import { session } from '../../../shared/session/session';

/** Ends the session on this device at once, then tells the API (which revokes the refresh token's family). */
export async function logOut() {
  const current = session.get();
  dismissLoginAlert();
  session.clear('logged-out');
  queryClient.clear();
  navigate('/login', { replace: true });
  if (current) {
    try {
      await logout({ body: { refreshToken: current.refreshToken } });
    } catch {
      // the tokens are gone from this device either way; the refresh token expires on its own
    }
  }
}

/** The API already ended the session (logged out everywhere, account closed): forget it here and say why on the login page. */
export function endSession(reason: 'everywhere' | 'closed') {
  dismissLoginAlert();
  session.clear(reason);
  queryClient.clear();
  navigate('/login', { replace: true });
}
