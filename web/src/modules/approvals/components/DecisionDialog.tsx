import type { PaymentDto, PaymentStatus } from '@khata/client';
import type { FormEvent, ReactNode } from 'react';
import { describeError } from '../../../shared/api/problems';
import { PAYMENT_STATUS } from '../../../shared/format/payment-status';
import { Button } from '../../../shared/ui/Button';
import { Dialog } from '../../../shared/ui/Dialog';
import { DialogActions } from '../../../shared/ui/DialogActions';
import { formClass } from '../../../shared/ui/form';
import { FormError } from '../../../shared/ui/FormError';
import { SendingNote } from '../../../shared/ui/SendingNote';
import { PaymentSummary } from './PaymentSummary';

/** The state of the decision's mutation that the dialog shows. */
export interface DecisionState {
  isPending: boolean;
  isSuccess: boolean;
  isError: boolean;
  error: unknown;
  /** Why it is taking long (the connection), in words, while it is in flight. */
  waiting?: string | null;
}

/**
 * The frame of both decisions (approve, reject): the payment's summary, then what the decision asks (`children`),
 * then why it cannot go ahead, if so, and the buttons. A payment decided elsewhere while the dialog is open (it
 * hears it live: `liveStatus`) or refused with 409 PAYMENT_NOT_PENDING (it had not heard) is explained here, and
 * the confirming button is gone: only "Close" is left.
 */
export function DecisionDialog({
  title,
  payment,
  liveStatus,
  decision,
  invalid,
  onClose,
  onSubmit,
  confirm,
  children,
}: {
  title: string;
  payment: PaymentDto | null;
  liveStatus?: PaymentStatus;
  decision: DecisionState;
  /** What is wrong with the form, if anything (checked before sending). */
  invalid?: string | null;
  onClose: () => void;
  /** Makes the dialog a form (the rejection's reason); the confirming button then submits it. */
  onSubmit?: (event: FormEvent) => void;
  confirm: ReactNode;
  children: ReactNode;
}) {
  const decidedElsewhere = liveStatus && liveStatus !== 'pending' && !decision.isSuccess && !decision.isPending ? liveStatus : null;
  const problem =
    invalid ?? (decision.isError ? describeError(decision.error) : decidedElsewhere && PAYMENT_STATUS[decidedElsewhere].dialogElsewhere);
  const over = decision.isError || decidedElsewhere !== null;
  const content = payment && (
    <>
      <PaymentSummary payment={payment} />
      {children}
      {problem && <FormError>{problem}</FormError>}
      <SendingNote waiting={decision.waiting ?? null} />
      <DialogActions>
        <Button variant="secondary" onClick={onClose}>
          {over ? 'Close' : 'Go back'}
        </Button>
        {!over && confirm}
      </DialogActions>
    </>
  );
  return (
    <Dialog open={payment !== null} onClose={onClose} title={title}>
      {content &&
        (onSubmit ? (
          <form onSubmit={onSubmit} className={formClass}>
            {content}
          </form>
        ) : (
          content
        ))}
    </Dialog>
  );
}
