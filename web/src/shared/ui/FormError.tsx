import type { ReactNode } from 'react';
import styles from './FormError.module.css';

/** Why a form or a dialog could not do what was asked, announced at once. */
export function FormError({ children }: { children: ReactNode }) {
  return (
    <p className={styles.error} role="alert">
      {children}
    </p>
  );
}
