import type { ReactNode } from 'react';
import { Button } from './Button';
import styles from './Dialog.module.css';

/** The buttons at the foot of a dialog; they stay in view while a long dialog scrolls on a phone. */
export function DialogActions({ children }: { children: ReactNode }) {
  return <div className={styles.actions}>{children}</div>;
}

/** A form dialog's foot: Cancel, and the submit button, which says what is under way while it is and waits for it. */
export function FormDialogActions({
  onCancel,
  pending,
  label,
  pendingLabel,
}: {
  onCancel: () => void;
  pending: boolean;
  /** What submitting does ("Add customer"). */
  label: string;
  /** The same, under way ("Adding…"). */
  pendingLabel: string;
}) {
  return (
    <DialogActions>
      <Button variant="secondary" onClick={onCancel}>
        Cancel
      </Button>
      <Button variant="primary" type="submit" disabled={pending}>
        {pending ? pendingLabel : label}
      </Button>
    </DialogActions>
  );
}
