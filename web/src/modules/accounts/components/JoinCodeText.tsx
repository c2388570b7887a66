import { joinLink } from '../utils/join-link';
import styles from './JoinCodeText.module.css';

/** A join or invite code, large enough to read out at the counter, and its link. */
export function JoinCodeText({ code }: { code: string }) {
  return (
    <>
      <p className={styles.code}>{code}</p>
      <p className={styles.link}>{joinLink(code)}</p>
    </>
  );
}
