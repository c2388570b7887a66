import type { PaymentEventDto, PaymentStatus } from '@khata/client';

/**
 * The words for a payment's status, everywhere the SPA shows one: the customer's and the shop's wording where
 * they differ. A new status fails the type check here until it has its words.
 */
export interface StatusWords {
  /** Badge and filter: "Approved". */
  label: string;
  /** "This payment was already …": how a 409 PAYMENT_NOT_PENDING explains the status it found. */
  already: string;
  /** The customer's line under their claim. */
  forCustomer: string;
  /** The shop's note on a row decided while the page was open: in this tab, or elsewhere. */
  decidedHere: string;
  decidedElsewhere: string;
  /** In a decision dialog still open when the payment was decided elsewhere. */
  dialogElsewhere: string;
}

export const PAYMENT_STATUS: Record<PaymentStatus, StatusWords> = {
  pending: {
    label: 'Pending',
    already: 'waiting for approval',
    forCustomer: 'Waiting for the shop to confirm',
    decidedHere: '',
    decidedElsewhere: '',
    dialogElsewhere: '',
  },
  approved: {
    label: 'Approved',
    already: 'approved',
    forCustomer: 'Approved: your balance is updated',
    decidedHere: 'You approved this payment.',
    decidedElsewhere: 'Approved elsewhere (another tab or device).',
    dialogElsewhere: 'This payment has just been approved elsewhere (another tab or device). Nothing more to do.',
  },
  rejected: {
    label: 'Rejected',
    already: 'rejected',
    forCustomer: 'Rejected by the shop',
    decidedHere: 'You rejected this payment.',
    decidedElsewhere: 'Rejected elsewhere (another tab or device).',
    dialogElsewhere: 'This payment has just been rejected elsewhere (another tab or device). Nothing more to do.',
  },
  cancelled: {
    label: 'Cancelled',
    already: 'cancelled by the customer',
    forCustomer: 'You cancelled this claim',
    decidedHere: 'Cancelled.',
    decidedElsewhere: 'The customer cancelled this claim.',
    dialogElsewhere: 'The customer has just cancelled this claim. Nothing more to do.',
  },
};

export const PAYMENT_STATUSES = Object.keys(PAYMENT_STATUS) as PaymentStatus[];

/** A step of a payment's audit trail, as the shop reads it: "Claim submitted by the customer". */
export const AUDIT_EVENT: Record<PaymentEventDto['type'], string> = {
  submitted: 'Claim submitted',
  approved: 'Approved',
  rejected: 'Rejected',
  cancelled: 'Cancelled',
};

export const AUDIT_ACTOR: Record<PaymentEventDto['actorRole'], string> = {
  business: 'by you',
  customer: 'by the customer',
  system: 'by the system',
};
