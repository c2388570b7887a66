import type { AnchorHTMLAttributes } from 'react';
import { Link } from '../../app/router';
import { cx } from './cx';
import styles from './TapLink.module.css';

/** A link that reads as text but is big enough to tap (at least 44 × 44 px): "← Customers", "All payments". */
export function TapLink({ className, ...rest }: AnchorHTMLAttributes<HTMLAnchorElement> & { to: string }) {
  return <Link className={cx(styles.tap, className)} {...rest} />;
}
