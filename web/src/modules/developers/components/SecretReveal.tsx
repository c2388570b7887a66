import { useState } from 'react';
import { Button } from '../../../shared/ui/Button';
import { copyText } from '../../../shared/ui/copy-text';
import { DialogActions } from '../../../shared/ui/DialogActions';
import styles from './Developers.module.css';

/** A signing secret, shown this once: copy it now, it is never shown again. */
export function SecretReveal({ secret, onDone }: { secret: string; onDone: () => void }) {
  const [copied, setCopied] = useState<boolean | null>(null);
  return (
    <div className={styles.secret}>
      <p>Copy the signing secret now and keep it with your receiver. It is not shown again.</p>
      <code aria-label="Signing secret">{secret}</code>
      {copied === false && <p role="status">Select the secret above and copy it by hand.</p>}
      {copied === true && <p role="status">Copied.</p>}
      <DialogActions>
        <Button variant="secondary" onClick={() => void copyText(secret).then(setCopied)}>
          Copy secret
        </Button>
        <Button variant="primary" onClick={onDone}>
          Done
        </Button>
      </DialogActions>
    </div>
  );
}
