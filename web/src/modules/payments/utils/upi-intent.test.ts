import { describe, expect, it } from 'vitest';
import { phonePeIntent, splitForUpiLimit, upiIntent, upiNote, UPI_NOTE_MAX } from './upi-intent';

describe('the UPI intents behind "Open PhonePe" and "Another UPI app"', () => {
  it('names the payee, the amount with two decimals and a note', () => {
    const payment = { upiId: 'sharmakirana@ybl', name: 'Sharma Kirana Store', amount: '250.5', note: 'Khata payment' };
    expect(upiIntent(payment)).toBe('upi://pay?pa=sharmakirana@ybl&pn=Sharma%20Kirana%20Store&am=250.50&cu=INR&tn=Khata%20payment');
    expect(phonePeIntent(payment)).toBe('phonepe://pay?pa=sharmakirana@ybl&pn=Sharma%20Kirana%20Store&am=250.50&cu=INR&tn=Khata%20payment');
  });

  it('leaves the amount out when there is none, for the app to ask', () => {
    expect(upiIntent({ upiId: 'a@ybl', name: 'A', amount: null, note: 'n' })).toBe('upi://pay?pa=a@ybl&pn=A&cu=INR&tn=n');
  });
});

describe('the note the shop reads in its PhonePe history', () => {
  it('names the customer and the shop', () => {
    expect(upiNote('Asha Rao', 'Sharma Dairy')).toBe('Khata: Asha Rao to Sharma Dairy');
  });

  it('keeps under the length UPI apps keep, whatever the names', () => {
    const note = upiNote('Venkataraghavan Subramaniam Iyer', 'Shree Ganesh Provision and General Stores Pvt Ltd');
    expect(Array.from(note).length).toBeLessThanOrEqual(UPI_NOTE_MAX);
    expect(note).toBe('Khata: Venkataraghavan S… to Shree Ganesh Provisi…');
    expect(note.endsWith('…')).toBe(true);
  });
});

describe('the usual ₹1,00,000 limit of one UPI payment', () => {
  it('splits what is above it, exactly', () => {
    expect(splitForUpiLimit('125350.50')).toEqual({ now: '100000.00', rest: '25350.50' });
    expect(splitForUpiLimit('250000')).toEqual({ now: '100000.00', rest: '150000.00' });
    expect(splitForUpiLimit('100000.01')).toEqual({ now: '100000.00', rest: '0.01' });
  });

  it('leaves alone what one payment can carry', () => {
    expect(splitForUpiLimit('100000')).toBeNull();
    expect(splitForUpiLimit('99.99')).toBeNull();
  });
});
