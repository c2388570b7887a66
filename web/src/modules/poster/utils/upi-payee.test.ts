import { describe, expect, it } from 'vitest';
import { upiPayeeLink } from './upi-payee';

describe('the poster’s UPI link', () => {
  it('names the payee only: no amount, no note', () => {
    expect(upiPayeeLink('sharmakirana@ybl', 'Sharma Kirana & Sons')).toBe(
      'upi://pay?pa=sharmakirana@ybl&pn=Sharma%20Kirana%20%26%20Sons&cu=INR',
    );
  });
});
