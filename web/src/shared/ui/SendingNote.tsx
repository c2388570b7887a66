import styles from './SendingNote.module.css';

/** Why an action in flight has not finished yet (`useAction(...).waiting`), announced politely; nothing otherwise. */
export function SendingNote({ waiting }: { waiting: string | null }) {
  return (
    <p className={waiting ? styles.note : styles.empty} role="status">
      {waiting}
    </p>
  );
}
