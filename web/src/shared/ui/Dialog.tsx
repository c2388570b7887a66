import type { PaymentStatus } from '@khata/client';
import { useEffect, useId, useRef, useSyncExternalStore, type ReactNode } from 'react';
import { balanceInWords, formatRupees, signOf } from './money';
import { formatPhone } from './phone';
import { describeError, statusLabel } from './problems';

export function Loading({ label = 'Loading…' }: { label?: string }) {
  return (
    <p className="loading" role="status">
      <span className="spinner" aria-hidden="true" /> {label}
    </p>
  );
}

export function ErrorNote({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  return (
    <div className="error-note" role="alert">
      <p>{describeError(error)}</p>
      {onRetry && (
        <button type="button" className="button secondary" onClick={onRetry}>
          Try again
        </button>
      )}
    </div>
  );
}

export function Empty({ children }: { children: ReactNode }) {
  return <p className="empty">{children}</p>;
}

export function Money({ amount }: { amount: string }) {
  return <span className="money">{formatRupees(amount)}</span>;
}

/** A phone number as people read it ("+91 98765 00003"), never broken across lines. */
export function Phone({ number }: { number: string }) {
  return <span className="phone">{formatPhone(number)}</span>;
}

export function Balance({ amount, who }: { amount: string; who: 'you' | 'they' }) {
  const sign = signOf(amount);
  return <span className={`balance ${sign > 0 ? 'owes' : sign < 0 ? 'advance' : 'settled'}`}>{balanceInWords(amount, who)}</span>;
}

export function StatusBadge({ status }: { status: PaymentStatus }) {
  return <span className={`badge badge-${status}`}>{statusLabel(status)}</span>;
}

/**
 * A modal on the native <dialog>: showModal() moves focus inside and makes the rest inert, Escape closes it,
 * and focus goes back to whatever opened it.
 */
export function Dialog({ open, onClose, title, children }: { open: boolean; onClose: () => void; title: string; children: ReactNode }) {
  const ref = useRef<HTMLDialogElement>(null);
  const opener = useRef<Element | null>(null);
  const titleId = useId();
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      opener.current = document.activeElement;
      dialog.showModal();
    } else if (!open && dialog.open) {
      dialog.close();
    }
  }, [open]);
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    const handleClose = () => {
      onClose();
      const target = opener.current;
      if (target instanceof HTMLElement && target.isConnected) target.focus();
    };
    dialog.addEventListener('close', handleClose);
    return () => dialog.removeEventListener('close', handleClose);
  }, [onClose]);
  return (
    <dialog ref={ref} aria-labelledby={titleId} className="dialog">
      {open && (
        <>
          <h2 id={titleId}>{title}</h2>
          {children}
        </>
      )}
    </dialog>
  );
}

/** A short message that announces itself to screen readers and fades after a few seconds. */
const noticeListeners = new Set<() => void>();
let currentNotice: { text: string; id: number } | null = null;
let noticeTimer: ReturnType<typeof setTimeout> | undefined;
export function notify(text: string) {
  currentNotice = { text, id: (currentNotice?.id ?? 0) + 1 };
  clearTimeout(noticeTimer);
  noticeTimer = setTimeout(() => {
    currentNotice = null;
    noticeListeners.forEach((l) => l());
  }, 6000);
  noticeListeners.forEach((l) => l());
}
export function NoticeArea() {
  const notice = useSyncExternalStore(
    (l) => {
      noticeListeners.add(l);
      return () => noticeListeners.delete(l);
    },
    () => currentNotice,
  );
  return (
    <div className="notice-area" role="status" aria-live="polite">
      {notice ? <p className="notice">{notice.text}</p> : null}
    </div>
  );
}

export function Field({ label, hint, children, id }: { label: string; hint?: string; id: string; children: ReactNode }) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {children}
      {hint && (
        <p className="hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
    </div>
  );
}

/** Copies text, with a fallback for browsers without the async clipboard. */
export async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}
