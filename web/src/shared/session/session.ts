import { refresh } from '@khata/client';
import { clear, createStore, get, set } from 'idb-keyval';
import { isProblem } from '../api/problems';
import { createSessionStore, type RefreshOutcome, type Rotation, type RotationLog } from './session-store';

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

/** The rotation log in IndexedDB (one record), which every tab of this origin reads in commit order. */
function indexedDbRotations(): RotationLog | undefined {
  if (typeof indexedDB === 'undefined') return undefined;
  const db = createStore('khata-pay', 'refresh-rotations');
  return {
    read: () => get<Rotation>('last', db),
    write: (rotation) => set('last', rotation, db),
    clear: () => clear(db),
  };
}

/** This browser's login session, shared by its tabs (see session-store.ts). */
export const session = createSessionStore({
  storage: window.localStorage,
  locks: navigator.locks,
  rotations: indexedDbRotations(),
  callRefresh,
  onExternalChange: (listener) =>
    window.addEventListener('storage', (event) => {
      if (event.key === null || event.key.startsWith('khata-pay.session')) listener();
    }),
});
