import { cloneElement, isValidElement, type ReactElement, type ReactNode } from 'react';
import { cx } from './cx';
import styles from './Form.module.css';
import invalidStyles from './FieldError.module.css';

/**
 * A labelled control with an optional hint (the control gives itself `aria-describedby="<id>-hint"`) and, when the
 * form was refused because of it, the error beside it: the control is then marked `aria-invalid` and described by
 * the error too.
 */
export function Field({
  label,
  hint,
  children,
  id,
  className,
  error,
}: {
  label: string;
  hint?: string;
  id: string;
  children: ReactNode;
  className?: string;
  /** Why the form was refused because of this field (in words for a person, never the API's field text). */
  error?: string | null;
}) {
  const errorId = `${id}-error`;
  const control =
    error && isValidElement(children)
      ? cloneElement(children as ReactElement<{ 'aria-invalid'?: boolean; 'aria-describedby'?: string }>, {
          'aria-invalid': true,
          'aria-describedby': [(children.props as { 'aria-describedby'?: string })['aria-describedby'], errorId].filter(Boolean).join(' '),
        })
      : children;
  return (
    <div className={cx(styles.field, error && invalidStyles.invalid, className)}>
      <label htmlFor={id}>{label}</label>
      {control}
      {error && (
        <p className={invalidStyles.error} id={errorId} role="alert">
          {error}
        </p>
      )}
      {hint && (
        <p className={styles.hint} id={`${id}-hint`}>
          {hint}
        </p>
      )}
    </div>
  );
}
