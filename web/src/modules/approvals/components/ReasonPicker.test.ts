import { describe, expect, it } from 'vitest';
import { reasonText } from './ReasonPicker';

describe('the rejection reason the customer reads', () => {
  it('is the common reason, with the details after it when there are any', () => {
    expect(reasonText('Wrong amount', '')).toBe('Wrong amount');
    expect(reasonText('Wrong amount', '  I received ₹400, not ₹450 ')).toBe('Wrong amount: I received ₹400, not ₹450');
  });

  it('is what was written, for "Other"', () => {
    expect(reasonText('Other', ' Paid to the wrong shop ')).toBe('Paid to the wrong shop');
    expect(reasonText('Other', '   ')).toBe('');
  });
});

describe('a reason not chosen yet', () => {
  it('is what was typed, or nothing (the button waits for it)', () => {
    expect(reasonText('', '')).toBe('');
    expect(reasonText('', ' Paid twice ')).toBe('Paid twice');
  });
});
