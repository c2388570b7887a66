import type { PaymentDto } from '@khata/client';
import { formatWhen } from '../../../shared/format/time';
import { cx } from '../../../shared/ui/cx';
import text from '../../../shared/ui/text.module.css';

/** When and how it was paid, with its UTR ("· no UTR" where the reader checks for one: the shop). */
export function PaymentFacts({ payment, sayNoUtr }: { payment: PaymentDto; sayNoUtr?: boolean }) {
  return (
    <div className={cx(text.muted, text.small)}>
      {formatWhen(payment.createdAt)} · {payment.paymentMethod}
      {payment.utr ? (
        <>
          {' · '}
          <span className={text.nowrap}>UTR {payment.utr}</span>
        </>
      ) : (
        sayNoUtr && <> · no UTR</>
      )}
    </div>
  );
}
