import { useId, useState } from 'react';
import { Button } from '../../../shared/ui/Button';
import { notify } from '../../../shared/ui/Notice';
import { copyText } from '../../../shared/ui/copy-text';
import styles from './RecoveryCodesPanel.module.css';

function download(codes: string[]) {
  const text =
    'Khata Pay recovery codes\r\n' +
    'Each code works once, with your phone number, at "Forgot password?" on the login page.\r\n\r\n' +
    codes.join('\r\n') +
    '\r\n';
  const url = URL.createObjectURL(new Blob([text], { type: 'text/plain;charset=utf-8' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = 'khata-pay-recovery-codes.txt';
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/**
 * Recovery codes, shown this once (only their hashes are kept): copy them, download them, and say they are saved
 * before going on.
 */
export function RecoveryCodesPanel({ codes, onDone, doneLabel }: { codes: string[]; onDone: () => void; doneLabel: string }) {
  const [saved, setSaved] = useState(false);
  const checkId = useId();
  return (
    <div>
      <p>
        No text message can reach you here, so these codes are how you get back in if you forget your password. Each works once. Keep them
        somewhere safe, away from this phone: <strong>they are shown only now.</strong>
      </p>
      <ul className={styles.codes} aria-label="Your recovery codes">
        {codes.map((code) => (
          <li key={code}>{code}</li>
        ))}
      </ul>
      <div className={styles.actions}>
        <Button
          variant="secondary"
          onClick={() =>
            void copyText(codes.join('\n')).then((ok) =>
              notify(ok ? 'Recovery codes copied.' : 'Could not copy; write them down or download them.'),
            )
          }
        >
          Copy codes
        </Button>
        <Button variant="secondary" onClick={() => download(codes)}>
          Download codes
        </Button>
      </div>
      <label className={styles.saved} htmlFor={checkId}>
        <input id={checkId} type="checkbox" checked={saved} onChange={(e) => setSaved(e.target.checked)} /> I saved my recovery codes
      </label>
      <Button variant="primary" disabled={!saved} onClick={onDone}>
        {doneLabel}
      </Button>
    </div>
  );
}
