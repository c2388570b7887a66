import { formatPhone } from '../format/phone';
import text from './text.module.css';

/** A phone number as people read it ("+91 98765 00003"), never broken across lines. */
export function Phone({ number }: { number: string }) {
  return <span className={text.nowrap}>{formatPhone(number)}</span>;
}
