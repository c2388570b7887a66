import type { ReactNode } from 'react';
import styles from './TwoColumns.module.css';

/** Two columns side by side from tablet width up (3 : 2), one under the other on a phone. */
export function TwoColumns({ children }: { children: ReactNode }) {
  return <div className={styles.columns}>{children}</div>;
}
