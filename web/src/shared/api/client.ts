import { client, refresh } from '@khata/client';
import { QueryClient } from '@tanstack/react-query';
import { isProblem, withRetryAfter } from './problems';
import { createSessionStore, type RefreshOutcome } from './session';

/**
 * The one place the generated client is configured: same-origin base URL (the API serves the SPA; the Vite dev
 * server proxies /api), the access token for every secured operation, and one transparent retry after a 401.
 */

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

export const session = createSessionStore({
  storage: window.localStorage,
  locks: navigator.locks,
  callRefresh,
  onExternalChange: (listener) =>
    window.addEventListener('storage', (event) => {
      if (event.key === null || event.key.startsWith('khata-pay.session')) listener();
    }),
});

/** fetch with one retry after a 401: the token may have expired in flight or been rotated by another tab. */
async function fetchWithRefresh(input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
  const request = input instanceof Request && !init ? input : new Request(input, init);
  const authorization = request.headers.get('Authorization');
  const spare = authorization ? request.clone() : null;
  const response = await fetch(request);
  if (response.status !== 401 || !spare) return response;
  const fresh = await session.afterUnauthorized(authorization?.replace(/^Bearer /, ''));
  if (!fresh) return response;
  spare.headers.set('Authorization', `Bearer ${fresh}`);
  return fetch(spare);
}

client.setConfig({
  baseUrl: '',
  auth: () => session.accessToken(),
  fetch: fetchWithRefresh,
});
// A 429's Retry-After reaches the forms (login, register, join, claim) as `retryAfterSeconds` on the problem.
client.interceptors.error.use((error, response) => withRetryAfter(error, response));

export const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 15_000,
      retry: (failures, error) => failures < 2 && !(isProblem(error) && error.status < 500),
    },
  },
});
