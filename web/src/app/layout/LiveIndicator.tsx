import { useLiveStatus, type LiveStatus } from '../../shared/events/live-events';
import { cx } from '../../shared/ui/cx';
import styles from './Layout.module.css';

const WORDS: Record<LiveStatus, { text: string; title: string }> = {
  live: { text: 'Live', title: 'Updates arrive as they happen' },
  reconnecting: { text: 'Reconnecting', title: 'Updates are delayed; reconnecting' },
  connecting: { text: 'Connecting', title: 'Updates are delayed; connecting' },
  offline: { text: 'Offline', title: 'No connection: nothing new arrives and nothing is sent until it is back' },
};

/** Whether updates arrive as they happen (the event stream is up and the device online). */
export function LiveIndicator() {
  const status = useLiveStatus();
  return (
    <span
      className={cx(
        styles.live,
        status === 'live' && styles.isLive,
        (status === 'offline' || status === 'reconnecting') && styles.isOffline,
      )}
      title={WORDS[status].title}
    >
      <span className={styles.dot} aria-hidden="true" /> {WORDS[status].text}
    </span>
  );
}
