import type { PaymentDto } from '@khata/client';
import { useCallback, useState } from 'react';
import card from '../../../shared/ui/Card.module.css';
import { CancelClaimDialog } from './CancelClaimDialog';
import { ClaimCard } from './ClaimCard';

/** The customer's payment claims: status as it changes (live), the reason when rejected, cancel while pending. */
export function ClaimList({ payments, showBusiness }: { payments: PaymentDto[]; showBusiness: boolean }) {
  const [cancelling, setCancelling] = useState<PaymentDto | null>(null);
  const close = useCallback(() => setCancelling(null), []);
  return (
    <>
      <ul className={card.cards}>
        {payments.map((payment) => (
          <ClaimCard key={payment.id} payment={payment} showBusiness={showBusiness} onCancel={() => setCancelling(payment)} />
        ))}
      </ul>
      <CancelClaimDialog claim={cancelling} onClose={close} />
    </>
  );
}
