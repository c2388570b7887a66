import { client } from '@khata/client';
import { session } from '../session/session';
import { withRetryAfter } from './problems';

/**
 * The one place the generated client is configured: same-origin base URL (the API serves the SPA; the Vite dev
 * server proxies /api), the access token for every secured operation, and one transparent retry after a 401.
 * Imported once, for its effect, by main.tsx.
 */

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
  // The bearer scheme only: operations that also accept an API key list that scheme too, and the SPA never sends one.
  auth: (scheme) => (scheme.type === 'http' ? session.accessToken() : undefined),
  fetch: fetchWithRefresh,
});
// A 429's Retry-After reaches the forms (login, register, join, claim) as `retryAfterSeconds` on the problem.
client.interceptors.error.use((error, response) => withRetryAfter(error, response));
