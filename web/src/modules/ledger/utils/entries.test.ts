import { describe, expect, it } from 'vitest';
import { balanceAfterInWords, cleanCorrectAmount, correctionOf, fromPaise, toPaise } from './entries';

describe('ledger entries', () => {
  it('says the running balance with its sign in words', () => {
    expect(balanceAfterInWords('1250.00', 'business')).toBe('owes ₹1,250.00');
    expect(balanceAfterInWords('1250.00', 'customer')).toBe('you owe ₹1,250.00');
    expect(balanceAfterInWords('-200.50', 'customer')).toBe('₹200.50 advance');
    expect(balanceAfterInWords('0.00', 'business')).toBe('settled');
  });

  it('takes what an entry should have said, zero included, as Indians type it', () => {
    expect(cleanCorrectAmount('0')).toBe('0');
    expect(cleanCorrectAmount('1,25,000.5')).toBe('125000.5');
    expect(cleanCorrectAmount('12.345')).toBeNull();
    expect(cleanCorrectAmount('-5')).toBeNull();
    expect(cleanCorrectAmount('')).toBeNull();
  });

  it('works out the correcting entry exactly, as the API does', () => {
    expect(correctionOf({ type: 'credit', amount: '500.00' }, '50')).toEqual({ type: 'payment', amount: '450.00' });
    expect(correctionOf({ type: 'credit', amount: '500.00' }, '500.10')).toEqual({ type: 'credit', amount: '0.10' });
    expect(correctionOf({ type: 'payment', amount: '0.30' }, '0')).toEqual({ type: 'credit', amount: '0.30' });
    expect(correctionOf({ type: 'payment', amount: '200.00' }, '200')).toBeNull();
    expect(fromPaise(toPaise('99999999.99') + 1n)).toBe('100000000.00');
  });
});
