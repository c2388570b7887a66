import styles from './Loading.module.css';

export function Loading({ label = 'Loading…' }: { label?: string }) {
  return (
    <p className={styles.loading} role="status">
      <span className={styles.spinner} aria-hidden="true" /> {label}
    </p>
  );
}
