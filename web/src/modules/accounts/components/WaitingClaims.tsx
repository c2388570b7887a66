import { formatRupees, signOf } from '../../../shared/format/money';
import { cx } from '../../../shared/ui/cx';
import text from '../../../shared/ui/text.module.css';

/**
 * Claims not yet decided, beside the balance they do not move yet: "₹500.00 waiting for the shop" (the customer),
 * "₹500.00 waiting for your approval" (the shop). Nothing when there are none.
 */
export function WaitingClaims({ amount, who, className }: { amount: string; who: 'you' | 'they'; className?: string }) {
  if (signOf(amount) <= 0) return null;
  return (
    <span className={cx(text.small, className)}>
      {formatRupees(amount)} {who === 'you' ? 'waiting for the shop' : 'waiting for your approval'}
    </span>
  );
}
