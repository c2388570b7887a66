import type { AuthResponseDto, UserDto } from '@khata/client';

/**
 * The login session: tokens, the user, and the one rule that matters most: refresh is single-flight.
 *
 * The API rotates the refresh token on every use and treats a spent token as theft (it revokes the whole
 * family, logging the user out everywhere). Two refreshes with the same token, from two requests or two tabs,
 * would therefore log the user out. So: one refresh at a time in this tab (a shared promise), and one at a time
 * across tabs (an exclusive Web Lock); whoever gets the lock second finds the rotated tokens in storage and
 * uses them instead of refreshing again.
 *
 * Tokens live in localStorage, not sessionStorage: the session must be shared by all tabs (one login, one token
 * family, coordinated refresh) and survive a reload or a phone closing the browser. The cost is that script
 * running in this origin could read them; the SPA loads no third-party script and React escapes all text. An
 * httpOnly cookie would need the API to issue one; the API is bearer-token based by design (integrators).
 */

export interface Session {
  accessToken: string;
  refreshToken: string;
  /** Epoch ms by this device's clock when the access token stops working. */
  accessExpiresAt: number;
  user: UserDto;
}

export type RefreshOutcome =
  | { kind: 'ok'; auth: AuthResponseDto }
  /** The API refused the refresh token (spent, revoked or expired): the session is over. */
  | { kind: 'rejected'; code: string }
  /** Network or server trouble: keep the session, try again later. */
  | { kind: 'failed'; error: unknown };

export interface SessionDeps {
  storage: Storage;
  locks?: LockManager;
  callRefresh: (refreshToken: string) => Promise<RefreshOutcome>;
  now?: () => number;
  /** Subscribe to changes made by other tabs (the window's `storage` event). */
  onExternalChange?: (listener: () => void) => void;
}

const KEY = 'khata-pay.session';
const LOCK = 'khata-pay.refresh';
/** Refresh this long before expiry, so a request never leaves with a token about to die. */
const EARLY_MS = 30_000;

/** Why the session ended: shown on the login page. */
export type EndReason = 'logged-out' | 'expired' | 'revoked' | 'everywhere' | 'closed';

export function createSessionStore(deps: SessionDeps) {
  const now = deps.now ?? Date.now;
  const listeners = new Set<() => void>();
  let cachedRaw: string | null = null;
  let cached: Session | null = null;
  let inflight: Promise<string | undefined> | null = null;
  let endReason: EndReason | null = null;

  function get(): Session | null {
    const raw = deps.storage.getItem(KEY);
    if (raw !== cachedRaw) {
      cachedRaw = raw;
      try {
        cached = raw ? (JSON.parse(raw) as Session) : null;
      } catch {
        cached = null;
      }
    }
    return cached;
  }

  function notify() {
    for (const listener of listeners) listener();
  }

  function set(auth: AuthResponseDto) {
    const session: Session = {
      accessToken: auth.accessToken,
      refreshToken: auth.refreshToken,
      accessExpiresAt: now() + auth.accessTokenExpiresIn * 1000,
      user: auth.user,
    };
    deps.storage.setItem(KEY, JSON.stringify(session));
    endReason = null;
    notify();
  }

  function clear(reason: EndReason) {
    deps.storage.removeItem(KEY);
    endReason = reason;
    notify();
  }

  deps.onExternalChange?.(notify);

  /** The refresh itself, run while holding the cross-tab lock. */
  async function refreshHoldingLock(seenRefreshToken: string): Promise<string | undefined> {
    const current = get();
    if (!current) return undefined;
    // Another tab (or an earlier flight here) rotated the tokens while we waited: use its result.
    if (current.refreshToken !== seenRefreshToken) return current.accessToken;
    const outcome = await deps.callRefresh(current.refreshToken);
    if (outcome.kind === 'ok') {
      set(outcome.auth);
      return outcome.auth.accessToken;
    }
    if (outcome.kind === 'rejected') {
      clear(outcome.code === 'REFRESH_TOKEN_REUSED' ? 'revoked' : 'expired');
      return undefined;
    }
    throw outcome.error;
  }

  /** One refresh at a time, shared by every caller in this tab and serialised across tabs. */
  function refresh(seenRefreshToken: string): Promise<string | undefined> {
    if (!inflight) {
      const run = () => refreshHoldingLock(seenRefreshToken);
      const flight = deps.locks ? deps.locks.request(LOCK, { mode: 'exclusive' }, run) : run();
      inflight = flight.finally(() => {
        inflight = null;
      });
    }
    return inflight;
  }

  return {
    get,
    set,
    clear,
    endReason: () => endReason,
    subscribe(listener: () => void) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    /** A usable access token for the next request: refreshed first when it is about to expire. */
    async accessToken(): Promise<string | undefined> {
      const session = get();
      if (!session) return undefined;
      if (session.accessExpiresAt - now() > EARLY_MS) return session.accessToken;
      try {
        return await refresh(session.refreshToken);
      } catch {
        return session.accessToken; // offline: let the request fail on its own and be retried
      }
    },
    /** After a 401 with `staleToken`: a fresh token if the session can go on, else undefined. */
    async afterUnauthorized(staleToken: string | undefined): Promise<string | undefined> {
      const session = get();
      if (!session) return undefined;
      if (staleToken && session.accessToken !== staleToken) return session.accessToken;
      try {
        return await refresh(session.refreshToken);
      } catch {
        return undefined;
      }
    },
  };
}

export type SessionStore = ReturnType<typeof createSessionStore>;
