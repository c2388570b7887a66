import type { ReactNode } from 'react';
import { cx } from './cx';
import styles from './Form.module.css';

/** A fieldset of radio buttons; `pills` lays them out as wrapping pills. */
export function Choice({ legend, pills, children }: { legend: string; pills?: boolean; children: ReactNode }) {
  return (
    <fieldset className={cx(styles.choice, pills && styles.pills)}>
      <legend>{legend}</legend>
      {children}
    </fieldset>
  );
}
