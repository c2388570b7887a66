import { useEffect, useState, useSyncExternalStore } from 'react';

/**
 * Whether the device has a network at all (navigator.onLine, kept up to date by the `online`/`offline` events).
 * "Online" can still mean a connection too poor to get through, so an action that takes long says so too.
 */
export function isOnline(): boolean {
  return typeof navigator === 'undefined' || navigator.onLine !== false;
}

function subscribe(listener: () => void) {
  window.addEventListener('online', listener);
  window.addEventListener('offline', listener);
  return () => {
    window.removeEventListener('online', listener);
    window.removeEventListener('offline', listener);
  };
}

export function useOnline(): boolean {
  return useSyncExternalStore(subscribe, isOnline, () => true);
}

/** How long an action may be on its way before the person is told it is waiting for the connection. */
export const SLOW_MS = 4000;

export type Waiting = 'offline' | 'slow' | null;

/**
 * Why an action in flight has not finished, if that is worth saying: the device is offline (or the mutation is
 * paused until it is back: TanStack Query holds it and sends it when the connection returns), or it has taken
 * more than SLOW_MS. `submittedAt` tells one sending from the next (TanStack Query's mutation state has it).
 */
export function useWaiting({ isPending, isPaused, submittedAt }: { isPending: boolean; isPaused: boolean; submittedAt: number }): Waiting {
  const online = useOnline();
  const [slowSince, setSlowSince] = useState<number | null>(null);
  useEffect(() => {
    if (!isPending) return;
    const timer = setTimeout(() => setSlowSince(submittedAt), SLOW_MS);
    return () => clearTimeout(timer);
  }, [isPending, submittedAt]);
  if (!isPending) return null;
  if (isPaused || !online) return 'offline';
  return slowSince === submittedAt ? 'slow' : null;
}

/** The words for it, the same under every action. */
export function waitingWords(waiting: Waiting): string | null {
  if (waiting === 'offline')
    return 'No connection: waiting to send this. It goes through by itself once you are back online; keep this page open.';
  if (waiting === 'slow') return 'Still waiting for the connection… It goes through as soon as it can; nothing is sent twice.';
  return null;
}
