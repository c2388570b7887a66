import { describe, expect, it } from 'vitest';
import { upiIntent } from './upi-intent';

describe('the UPI intent behind "Open PhonePe"', () => {
  it('names the payee, the amount with two decimals and a note', () => {
    expect(upiIntent({ upiId: 'sharmakirana@ybl', name: 'Sharma Kirana Store', amount: '250.5', note: 'Khata payment' })).toBe(
      'upi://pay?pa=sharmakirana@ybl&pn=Sharma%20Kirana%20Store&am=250.50&cu=INR&tn=Khata%20payment',
    );
  });

  it('leaves the amount out until it is one the customer can pay', () => {
    expect(upiIntent({ upiId: 'a@ybl', name: 'A', amount: '12.345', note: 'n' })).toBe('upi://pay?pa=a@ybl&pn=A&cu=INR&tn=n');
  });
});
