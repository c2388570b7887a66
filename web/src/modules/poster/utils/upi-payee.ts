/**
 * The UPI link of a counter poster: the payee alone (`pa`, `pn`), no amount and no note, so one QR code serves
 * every customer and every amount; any UPI app asks how much.
 */
export function upiPayeeLink(upiId: string, name: string): string {
  // The payee address stays readable (name@bank): some UPI apps do not decode %40 in `pa`.
  return `upi://pay?pa=${encodeURIComponent(upiId).replace(/%40/g, '@')}&pn=${encodeURIComponent(name)}&cu=INR`;
}
