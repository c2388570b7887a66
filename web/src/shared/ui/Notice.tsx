import { useSyncExternalStore } from 'react';
import styles from './Notice.module.css';

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
    <div className={styles.area} role="status" aria-live="polite">
      {notice ? <p className={styles.notice}>{notice.text}</p> : null}
    </div>
  );
}
