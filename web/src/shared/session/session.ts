import { refresh } from '@khata/client';
import { isProblem } from '../api/problems';
import { createSessionStore, type RefreshOutcome } from './session-store';

async function callRefresh(refreshToken: string): Promise<RefreshOutcome> {
  try {
    const { data, error, response } = await refresh({ body: { refreshToken } });
    if (data) return { kind: 'ok', auth: data };
    if (response?.status === 401 && isProblem(error)) return { kind: 'rejected', code: error.code };
    return { kind: 'failed', error };
  } catch (error) {
    return { kind: 'failed', error };
  }
}

/** This browser's login session, shared by its tabs (see session-store.ts). */
export const session = createSessionStore({
  storage: window.localStorage,
  locks: navigator.locks,
  callRefresh,
  onExternalChange: (listener) =>
    window.addEventListener('storage', (event) => {
      if (event.key === null || event.key.startsWith('khata-pay.session')) listener();
    }),
});
