import { isValidAmount, toTwoDecimals } from '../../../shared/format/money';

/** The UPI intent PhonePe (and every UPI app) understands; on a phone the link opens the app with all filled in. */
export function upiIntent({ upiId, name, amount, note }: { upiId: string; name: string; amount: string; note: string }): string {
  const params = [
    // The payee address stays readable (name@bank): some UPI apps do not decode %40 in `pa`.
    `pa=${encodeURIComponent(upiId).replace(/%40/g, '@')}`,
    `pn=${encodeURIComponent(name)}`,
    ...(isValidAmount(amount) ? [`am=${toTwoDecimals(amount)}`] : []),
    'cu=INR',
    `tn=${encodeURIComponent(note)}`,
  ];
  return `upi://pay?${params.join('&')}`;
}
