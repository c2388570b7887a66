import type { ButtonHTMLAttributes } from 'react';
import styles from './Button.module.css';
import { cx } from './cx';

export type ButtonVariant = 'primary' | 'secondary' | 'ghost' | 'danger' | 'dangerOutline';

export interface ButtonLook {
  variant: ButtonVariant;
  small?: boolean;
  /** Takes its share of the row's width (the decisions on a payment row). */
  grow?: boolean;
  /** The whole width of a phone, its own width from tablet width up (the PhonePe buttons). */
  wide?: boolean;
  className?: string;
}

/** The classes of a button, for links that look like one. */
export function buttonClass({ variant, small, grow, wide, className }: ButtonLook): string {
  return cx(styles.button, styles[variant], small && styles.small, grow && styles.grow, wide && styles.wide, className);
}

export function Button({
  variant,
  small,
  grow,
  wide,
  className,
  type = 'button',
  ...rest
}: ButtonLook & ButtonHTMLAttributes<HTMLButtonElement>) {
  return <button type={type} className={buttonClass({ variant, small, grow, wide, className })} {...rest} />;
}
