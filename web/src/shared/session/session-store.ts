import type { AuthResponseDto, UserDto } from '@khata/client';

/**
 * The login session: tokens, the user, and the one rule that matters most: refresh is single-flight.
 *
 * The API rotates the refresh token on every use and treats a spent token as theft (it revokes the whole
 * family, logging the user out everywhere). Two refreshes with the same token, from two requests or two tabs,
 * would therefore log the user out. So: one refresh at a time in this tab (a shared promise), and one at a time
 * across tabs (an exclusive Web Lock); whoever gets the lock second finds the rotated tokens and uses them
 * instead of refreshing again.
 *
 * Finding them is the subtle part. The lock orders the tabs, but localStorage does not follow it: Chromium keeps a
 * copy per renderer process and sends other tabs a write some time later, so the second holder can still read the
 * spent token after the first holder has released the lock (the browser tests caught this, on a busy machine).
 * Each holder therefore also records what it spent and what it got in the rotation log (IndexedDB, whose
 * transactions are ordered across tabs), before it lets go of the lock; the next holder reads that log first.
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

/** The last refresh in this browser: the refresh tokens it (and the few before it) spent, and the session it got. */
export interface Rotation {
  spent: string[];
  session: Session;
}

/** Where a refresh holder leaves its rotation for the next one: read and written only while holding the lock. */
export interface RotationLog {
  read(): Promise<Rotation | undefined>;
  write(rotation: Rotation): Promise<void>;
  clear(): Promise<void>;
}

export interface SessionDeps {
  storage: Storage;
  locks?: LockManager;
  /** Consistent across tabs where localStorage is not (see above); without it, tabs rely on localStorage alone. */
  rotations?: RotationLog;
  callRefresh: (refreshToken: string) => Promise<RefreshOutcome>;
  now?: () => number;
  /** Subscribe to changes made by other tabs (the window's `storage` event). */
  onExternalChange?: (listener: () => void) => void;
}

const KEY = 'khata-pay.session';
const LOCK = 'khata-pay.refresh';
/** Refresh this long before expiry, so a request never leaves with a token about to die. */
const EARLY_MS = 30_000;
/** Spent refresh tokens the rotation log remembers: a tab's copy of localStorage is behind by one write, rarely more. */
const SPENT_KEPT = 5;

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

  function toSession(auth: AuthResponseDto): Session {
    return {
      accessToken: auth.accessToken,
      refreshToken: auth.refreshToken,
      accessExpiresAt: now() + auth.accessTokenExpiresIn * 1000,
      user: auth.user,
    };
  }

  function store(session: Session) {
    deps.storage.setItem(KEY, JSON.stringify(session));
    endReason = null;
    notify();
  }

  function set(auth: AuthResponseDto) {
    store(toSession(auth));
  }

  function clear(reason: EndReason) {
    deps.storage.removeItem(KEY);
    endReason = reason;
    notify();
    // The log holds the last tokens: gone with the session (a failure leaves revoked or soon-expired tokens only).
    deps.rotations?.clear().catch(() => undefined);
  }

  /** The log is a safeguard: if IndexedDB is unavailable or fails, tabs fall back on localStorage alone. */
  async function lastRotation(): Promise<Rotation | undefined> {
    try {
      return await deps.rotations?.read();
    } catch {
      return undefined;
    }
  }

  deps.onExternalChange?.(notify);

  /** The refresh itself, run while holding the cross-tab lock. */
  async function refreshHoldingLock(seenRefreshToken: string): Promise<string | undefined> {
    const current = get();
    if (!current) return undefined;
    // Another tab (or an earlier flight here) rotated the tokens while we waited: use its result.
    if (current.refreshToken !== seenRefreshToken) return current.accessToken;
    // Or it did, and this tab's copy of localStorage has not caught up yet: the log knows.
    const last = await lastRotation();
    if (last?.spent.includes(current.refreshToken)) {
      store(last.session);
      return last.session.accessToken;
    }
    const outcome = await deps.callRefresh(current.refreshToken);
    if (outcome.kind === 'ok') {
      const session = toSession(outcome.auth);
      try {
        await deps.rotations?.write({ spent: [current.refreshToken, ...(last?.spent ?? [])].slice(0, SPENT_KEPT), session });
      } catch {
        // see lastRotation
      }
      store(session);
      return session.accessToken;
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
