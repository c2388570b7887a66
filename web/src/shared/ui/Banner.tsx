import type { ReactNode } from 'react';
import styles from './Banner.module.css';

/** A message about the session or the errand (a join code waiting, a session that ended). */
export function Banner({ children }: { children: ReactNode }) {
  return <p className={styles.banner}>{children}</p>;
}
