import type { ReactNode } from 'react';
import styles from './HeadingRow.module.css';

export function HeadingRow({ children }: { children: ReactNode }) {
  return <div className={styles.row}>{children}</div>;
}
