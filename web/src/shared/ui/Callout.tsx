import type { ReactNode } from 'react';
import styles from './Callout.module.css';

/** An inline note that something about this page is unusual (e.g. a merged account). */
export function Callout({ children }: { children: ReactNode }) {
  return (
    <p className={styles.callout} role="note">
      {children}
    </p>
  );
}
