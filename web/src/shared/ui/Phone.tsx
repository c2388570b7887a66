import { formatPhone } from '../format/phone';
import text from './text.module.css';

/** What the API writes as the phone of a customer who closed their account (pseudonymised): nobody's number. */
const CLOSED_ACCOUNT_PHONE = '+911000000000';

/** A phone number as people read it ("+91 98765 00003"), never broken across lines. */
export function Phone({ number }: { number: string }) {
  if (number === CLOSED_ACCOUNT_PHONE) return <span className={text.nowrap}>no phone (account closed)</span>;
  return <span className={text.nowrap}>{formatPhone(number)}</span>;
}
