import styles from './Settings.module.css';

/** The reason a field was refused, beside the field (the control points at it with `aria-describedby`). */
export function FieldMessage({ id, message }: { id: string; message: string | null }) {
  if (!message) return null;
  return (
    <p id={id} className={styles.fieldError}>
      {message}
    </p>
  );
}
