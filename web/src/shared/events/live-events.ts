import { getPaymentQueryKey, streamEvents, type PaymentDto } from '@khata/client';
import type { InfiniteData, QueryClient } from '@tanstack/react-query';
import { useSyncExternalStore } from 'react';
import { MONEY_QUERIES, operationOf } from '../api/query-client';
import { isOnline } from '../api/connection';
import { session } from '../session/session';

/**
 * Live payment events: a fetch-based server-sent-events stream (GET /api/v1/events), because a browser
 * EventSource cannot send the Authorization header and a token never goes in a URL. The generated `streamEvents`
 * does the request (auth, base URL, the 401 retry) and the parsing; this module owns the connection's
 * life: reconnect with `Last-Event-ID` so nothing is missed, a fresh token each time (the server ends the stream
 * when the access token expires), backoff after errors (a 429 too: the user has too many streams open), and a
 * watchdog on the ~15 s heartbeats. Ids are positions in the server's event log (commit order); a new stream opens
 * with an `id:` line of its own, so even a reconnect before any event arrived resumes where the stream began.
 */

export type PaymentEventType = 'payment.created' | 'payment.approved' | 'payment.rejected' | 'payment.cancelled';
export interface PaymentEvent {
  type: PaymentEventType;
  payment: PaymentDto;
}
/**
 * `offline`: the device has no network (navigator.onLine and its events); `reconnecting`: it has, but the stream
 * is down (an error, a dead connection) and is being retried; `connecting`: the first attempt, or after a clean end.
 */
export type LiveStatus = 'connecting' | 'live' | 'reconnecting' | 'offline';

const EVENT_TYPES = new Set<string>(['payment.created', 'payment.approved', 'payment.rejected', 'payment.cancelled']);
/** Three missed heartbeats: the connection is dead even if the socket says otherwise. */
const SILENCE_MS = 45_000;
/** While the stream is down, lists are refreshed this often so the screen never goes stale for long. */
const POLL_MS = 10_000;

const eventListeners = new Set<(event: PaymentEvent) => void>();
const statusListeners = new Set<() => void>();
let status: LiveStatus = isOnline() ? 'connecting' : 'offline';

function setStatus(next: LiveStatus) {
  if (next === status) return;
  status = next;
  for (const listener of statusListeners) listener();
}

export function useLiveStatus(): LiveStatus {
  return useSyncExternalStore(
    (listener) => {
      statusListeners.add(listener);
      return () => statusListeners.delete(listener);
    },
    () => status,
  );
}

/** Components that must react to a decision made elsewhere (an open dialog, a row) listen here. */
export function onPaymentEvent(listener: (event: PaymentEvent) => void): () => void {
  eventListeners.add(listener);
  return () => eventListeners.delete(listener);
}

type PaymentList = { items: PaymentDto[] };

function patchList<T extends PaymentList>(list: T, payment: PaymentDto): T {
  if (!list.items.some((item) => item.id === payment.id)) return list;
  return { ...list, items: list.items.map((item) => (item.id === payment.id ? payment : item)) };
}

/** Puts the payment where it is shown at once, then has the server's view of everything it touches refetched. */
export function applyPaymentEvent(queryClient: QueryClient, event: PaymentEvent) {
  const { payment } = event;
  queryClient.setQueryData(getPaymentQueryKey({ path: { paymentId: payment.id } }), payment);
  queryClient.setQueriesData<PaymentList | InfiniteData<PaymentList>>(
    { predicate: (q) => operationOf(q.queryKey) === 'listPayments' },
    (old) => {
      if (!old) return old;
      if ('pages' in old) return { ...old, pages: old.pages.map((page) => patchList(page, payment)) };
      return patchList(old, payment);
    },
  );
  void queryClient.invalidateQueries({
    predicate: (q) => MONEY_QUERIES.has(operationOf(q.queryKey) ?? '') && operationOf(q.queryKey) !== 'getPayment',
  });
  for (const listener of eventListeners) listener(event);
}

/** Waits `ms`, or less: until `signal` aborts or the device comes back online (then reconnecting is worth it at once). */
const sleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    const done = () => {
      clearTimeout(timer);
      window.removeEventListener('online', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    window.addEventListener('online', done);
    signal.addEventListener('abort', done, { once: true });
  });

/** Runs until `signal` aborts or the session ends. */
export async function runLiveEvents(queryClient: QueryClient, signal: AbortSignal): Promise<void> {
  let lastEventId: string | undefined;
  let failures = 0;
  const poller = setInterval(() => {
    if (status !== 'live') void queryClient.invalidateQueries({ predicate: (q) => MONEY_QUERIES.has(operationOf(q.queryKey) ?? '') });
  }, POLL_MS);
  signal.addEventListener('abort', () => clearInterval(poller), { once: true });
  // Going offline ends the stream at once: a socket can look open long after the network went (and "Live" would lie).
  let dropConnection = () => {};
  const wentOffline = () => {
    setStatus('offline');
    dropConnection();
  };
  const cameBack = () => {
    if (status === 'offline') setStatus('reconnecting');
  };
  window.addEventListener('offline', wentOffline);
  window.addEventListener('online', cameBack);
  signal.addEventListener(
    'abort',
    () => {
      window.removeEventListener('offline', wentOffline);
      window.removeEventListener('online', cameBack);
    },
    { once: true },
  );

  while (!signal.aborted && session.get()) {
    const connection = new AbortController();
    const stop = () => connection.abort();
    signal.addEventListener('abort', stop, { once: true });
    let failed = false;
    dropConnection = () => {
      failed = true;
      connection.abort();
    };
    const startedAt = Date.now();
    let watchdog: ReturnType<typeof setTimeout> | undefined;
    const feedWatchdog = () => {
      clearTimeout(watchdog);
      watchdog = setTimeout(() => {
        failed = true;
        connection.abort();
      }, SILENCE_MS);
    };
    try {
      feedWatchdog();
      const { stream } = await streamEvents({
        headers: lastEventId ? { 'Last-Event-ID': lastEventId } : undefined,
        signal: connection.signal,
        sseMaxRetryAttempts: 1,
        onSseError: () => {
          failed = true;
        },
        onSseEvent: (event) => {
          feedWatchdog(); // heartbeats and the opening `retry:` arrive here too
          failures = 0;
          setStatus(isOnline() ? 'live' : 'offline');
          if (event.id) lastEventId = event.id;
          if (event.event && EVENT_TYPES.has(event.event) && event.data && typeof event.data === 'object') {
            applyPaymentEvent(queryClient, { type: event.event as PaymentEventType, payment: event.data as PaymentDto });
          }
        },
      });
      for await (const _ of stream) {
        // events are handled in onSseEvent, which also sees the heartbeats
      }
    } catch {
      failed = true;
    } finally {
      clearTimeout(watchdog);
      signal.removeEventListener('abort', stop);
    }
    if (signal.aborted) break;
    // A stream that ends at once is a server in trouble, not an expired token: back off as after an error.
    if (failed || Date.now() - startedAt < 2000) {
      setStatus(isOnline() ? 'reconnecting' : 'offline');
      failures += 1;
      const backoff = Math.min(30_000, 1000 * 2 ** Math.min(failures, 5));
      await sleep(backoff / 2 + Math.random() * (backoff / 2), signal);
    } else {
      // A clean end: the access token expired. Reconnect at once; the client supplies a fresh token.
      setStatus('connecting');
    }
  }
  clearInterval(poller);
  window.removeEventListener('offline', wentOffline);
  window.removeEventListener('online', cameBack);
  setStatus(isOnline() ? 'connecting' : 'offline');
}
