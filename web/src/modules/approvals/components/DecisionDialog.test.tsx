import type { PaymentDto } from '@khata/client';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { DecisionDialog, type DecisionState } from './DecisionDialog';

const payment: PaymentDto = {
  id: '7b0d9c1e-5f7a-4c1b-9a57-3f2e8d6c4b1a',
  accountId: '1b0d9c1e-5f7a-4c1b-9a57-3f2e8d6c4b1a',
  businessId: '2b0d9c1e-5f7a-4c1b-9a57-3f2e8d6c4b1a',
  businessName: 'Sharma Kirana Store',
  customerId: '3b0d9c1e-5f7a-4c1b-9a57-3f2e8d6c4b1a',
  customerName: 'Asha Verma',
  customerPhone: '+919876500002',
  amount: '300.00',
  paymentMethod: 'PhonePe',
  utr: '412345678901',
  notes: null,
  status: 'pending',
  rejectionReason: null,
  approvedAt: null,
  approvedBy: null,
  rejectedAt: null,
  rejectedBy: null,
  cancelledAt: null,
  createdAt: '2026-11-27T10:12:00Z',
};

const idle: DecisionState = { isPending: false, isSuccess: false, isError: false, error: null };

function render(state: Partial<DecisionState> & { liveStatus?: PaymentDto['status']; invalid?: string }) {
  return renderToStaticMarkup(
    <DecisionDialog
      title="Approve this payment?"
      payment={payment}
      liveStatus={state.liveStatus}
      decision={{ ...idle, ...state }}
      invalid={state.invalid}
      onClose={() => undefined}
      confirm={<button type="button">Approve ₹300.00</button>}
    >
      <p>Check that ₹300.00 has arrived.</p>
    </DecisionDialog>,
  );
}

describe('the decision dialog', () => {
  it('asks, with the payment to check, and offers the decision', () => {
    const html = render({});
    expect(html).toContain('Asha Verma');
    expect(html).toContain('412345678901');
    expect(html).toContain('Go back');
    expect(html).toContain('Approve ₹300.00');
    expect(html).not.toContain('role="alert"');
  });

  it('says so when the payment was decided elsewhere while it was open, and leaves only Close', () => {
    const html = render({ liveStatus: 'rejected' });
    expect(html).toContain('This payment has just been rejected elsewhere (another tab or device). Nothing more to do.');
    expect(html).toContain('Close');
    expect(html).not.toContain('Approve ₹300.00');
  });

  it('explains a 409 PAYMENT_NOT_PENDING with the status the server found', () => {
    const error = { type: 'x', title: 'x', status: 409, code: 'PAYMENT_NOT_PENDING', currentStatus: 'approved' };
    const html = render({ isError: true, error });
    expect(html).toContain('This payment was already approved (perhaps on another screen). Nothing was changed.');
    expect(html).not.toContain('Approve ₹300.00');
  });

  it('keeps the decision while this tab is deciding, even when the list has heard the outcome', () => {
    expect(render({ liveStatus: 'approved', isPending: true })).toContain('Approve ₹300.00');
  });
});
