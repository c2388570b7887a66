/**
 * Phone numbers come from the API as E.164 ("+919876500003"). People read an Indian mobile number as
 * "+91 98765 00003": country code, then two groups of five.
 */

const INDIAN_MOBILE = /^(?:\+91|91|0)?([6-9]\d{4})(\d{5})$/;

/** "+919876500003" -> "+91 98765 00003". Anything that is not an Indian mobile number is shown as it came. */
export function formatPhone(phone: string): string {
  const match = INDIAN_MOBILE.exec(phone.replace(/[\s-]/g, ''));
  return match ? `+91 ${match[1]} ${match[2]}` : phone;
}
