import type { AuthResponseDto } from '@khata/client';
import { describe, expect, it, vi } from 'vitest';
import { createSessionStore, type RefreshOutcome, type Rotation, type RotationLog } from './session-store';

class MemoryStorage implements Storage {
  private map = new Map<string, string>();
  get length() {
    return this.map.size;
  }
  clear() {
    this.map.clear();
  }
  getItem(key: string) {
    return this.map.get(key) ?? null;
  }
  key(i: number) {
    return [...this.map.keys()][i] ?? null;
  }
  removeItem(key: string) {
    this.map.delete(key);
  }
  setItem(key: string, value: string) {
    this.map.set(key, value);
  }
}

/** A Web Lock stand-in: one holder at a time per name, shared by every "tab" that uses it. */
function fakeLocks(): LockManager {
  const queues = new Map<string, Promise<unknown>>();
  return {
    request: ((name: string, _options: unknown, callback: () => Promise<unknown>) => {
      const previous = queues.get(name) ?? Promise.resolve();
      const next = previous.then(callback, callback);
      queues.set(
        name,
        next.catch(() => undefined),
      );
      return next;
    }) as LockManager['request'],
    query: async () => ({ held: [], pending: [] }),
  };
}

/** The rotation log as IndexedDB keeps it: one record, the same for every tab. */
function memoryRotations(): RotationLog {
  let record: Rotation | undefined;
  return {
    read: async () => record,
    write: async (rotation) => {
      record = structuredClone(rotation);
    },
    clear: async () => {
      record = undefined;
    },
  };
}

const user = { id: 'u1', name: 'Asha', phone: '+919876500002', role: 'customer' as const };
const pair = (n: number): AuthResponseDto => ({
  accessToken: `access-${n}`,
  refreshToken: `refresh-${n}`,
  accessTokenExpiresIn: 900,
  user,
});

/** A fake API: rotates on each use and, like the real one, revokes everything when a spent token comes back. */
function fakeApi() {
  let current = 1;
  let revoked = false;
  const calls: string[] = [];
  const callRefresh = vi.fn(async (token: string): Promise<RefreshOutcome> => {
    calls.push(token);
    await new Promise((r) => setTimeout(r, 5));
    if (revoked || token !== `refresh-${current}`) {
      revoked = true;
      return { kind: 'rejected', code: 'REFRESH_TOKEN_REUSED' };
    }
    current += 1;
    return { kind: 'ok', auth: pair(current) };
  });
  return { callRefresh, calls, isRevoked: () => revoked };
}

describe('single-flight refresh', () => {
  it('shares one refresh among concurrent callers in a tab', async () => {
    const api = fakeApi();
    const store = createSessionStore({ storage: new MemoryStorage(), callRefresh: api.callRefresh });
    store.set(pair(1));
    const tokens = await Promise.all([
      store.afterUnauthorized('access-1'),
      store.afterUnauthorized('access-1'),
      store.afterUnauthorized('access-1'),
    ]);
    expect(tokens).toEqual(['access-2', 'access-2', 'access-2']);
    expect(api.calls).toEqual(['refresh-1']);
    expect(api.isRevoked()).toBe(false);
  });

  it('serialises tabs through the lock: the second tab uses the first tab’s rotated tokens', async () => {
    const api = fakeApi();
    const storage = new MemoryStorage(); // localStorage is shared by tabs
    const locks = fakeLocks();
    const tabA = createSessionStore({ storage, locks, callRefresh: api.callRefresh });
    const tabB = createSessionStore({ storage, locks, callRefresh: api.callRefresh });
    tabA.set(pair(1));
    const [a, b] = await Promise.all([tabA.afterUnauthorized('access-1'), tabB.afterUnauthorized('access-1')]);
    expect([a, b]).toEqual(['access-2', 'access-2']);
    expect(api.calls).toEqual(['refresh-1']);
    expect(tabB.get()?.refreshToken).toBe('refresh-2');
  });

  it('a tab whose copy of localStorage lags behind the lock still uses the rotated tokens: the rotation log says so', async () => {
    // Chromium sends a localStorage write to other tabs some time later; here tab B never sees tab A's write at all.
    const scenario = async (rotations?: RotationLog) => {
      const api = fakeApi();
      const locks = fakeLocks();
      const tabA = createSessionStore({ storage: new MemoryStorage(), locks, rotations, callRefresh: api.callRefresh });
      const tabB = createSessionStore({ storage: new MemoryStorage(), locks, rotations, callRefresh: api.callRefresh });
      tabA.set(pair(1));
      tabB.set(pair(1));
      const a = await tabA.afterUnauthorized('access-1');
      const b = await tabB.afterUnauthorized('access-1');
      return { a, b, api, tabB };
    };

    // Without the log, tab B presents the spent token and the API signs the user out everywhere.
    const unguarded = await scenario();
    expect(unguarded.api.calls).toEqual(['refresh-1', 'refresh-1']);
    expect(unguarded.api.isRevoked()).toBe(true);

    const log = memoryRotations();
    const guarded = await scenario(log);
    expect([guarded.a, guarded.b]).toEqual(['access-2', 'access-2']);
    expect(guarded.api.calls).toEqual(['refresh-1']);
    expect(guarded.api.isRevoked()).toBe(false);
    expect(guarded.tabB.get()?.refreshToken).toBe('refresh-2');

    // Logging out empties the log: it held the last tokens.
    guarded.tabB.clear('logged-out');
    await Promise.resolve();
    expect(await log.read()).toBeUndefined();
  });

  it('refreshes ahead of expiry, and ends the session when the API refuses', async () => {
    const api = fakeApi();
    let now = 0;
    const store = createSessionStore({ storage: new MemoryStorage(), callRefresh: api.callRefresh, now: () => now });
    store.set(pair(1));
    expect(await store.accessToken()).toBe('access-1');
    now = 880_000; // 20 s before expiry
    expect(await store.accessToken()).toBe('access-2');
    store.set({ ...pair(9) }); // a token the fake API never issued: refused as reuse
    now += 900_000;
    expect(await store.accessToken()).toBeUndefined();
    expect(store.get()).toBeNull();
    expect(store.endReason()).toBe('revoked');
  });
});
