import { describeError } from '../api/problems';
import { Button } from './Button';
import styles from './ErrorNote.module.css';

/** A read that failed, in words, with a way to try again. */
export function ErrorNote({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  return (
    <div className={styles.note} role="alert">
      <p>{describeError(error)}</p>
      {onRetry && (
        <Button variant="secondary" onClick={onRetry}>
          Try again
        </Button>
      )}
    </div>
  );
}
