import type { ReactNode } from 'react';
import styles from './Dialog.module.css';

/** The buttons at the foot of a dialog; they stay in view while a long dialog scrolls on a phone. */
export function DialogActions({ children }: { children: ReactNode }) {
  return <div className={styles.actions}>{children}</div>;
}
