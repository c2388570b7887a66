import type { ReactNode } from 'react';
import { cx } from './cx';
import styles from './Form.module.css';

/** A labelled control with an optional hint (the control gives itself `aria-describedby="<id>-hint"`). */
export function Field({
  label,
  hint,
  children,
  id,
  className,
}: {
  label: string;
  hint?: string;
  id: string;
  children: ReactNode;
  className?: string;
}) {
  return (
    <div className={cx(styles.field, className)}>
      <label htmlFor={id}>{label}</label>
      {children}
      {hint && (
        <p className={styles.hint} id={`${id}-hint`}>
          {hint}
        </p>
      )}
    </div>
  );
}
