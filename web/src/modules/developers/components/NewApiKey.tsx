import type { CreatedApiKeyDto } from '@khata/client';
import { useState } from 'react';
import { Button } from '../../../shared/ui/Button';
import { DialogActions } from '../../../shared/ui/DialogActions';
import { copyText } from '../../../shared/ui/copy-text';
import styles from './NewApiKey.module.css';

/** The key, shown this once: copy it now (only its hash is kept). */
export function NewApiKey({ apiKey, onDone }: { apiKey: CreatedApiKeyDto; onDone: () => void }) {
  const [copied, setCopied] = useState<boolean | null>(null);
  return (
    <>
      <p className={styles.warning} role="alert">
        Copy this key now. You will not be able to see it again.
      </p>
      <label className={styles.label} htmlFor="new-api-key">
        API key “{apiKey.name}”
      </label>
      <input id="new-api-key" className={styles.key} readOnly value={apiKey.key} onFocus={(e) => e.currentTarget.select()} />
      <div className={styles.actions}>
        <Button variant="secondary" onClick={() => void copyText(apiKey.key).then(setCopied)}>
          Copy key
        </Button>
        <span role="status" className={styles.copied}>
          {copied === true ? 'Copied' : copied === false ? 'Could not copy: select the key and copy it yourself' : ''}
        </span>
      </div>
      <DialogActions>
        <Button variant="primary" onClick={onDone}>
          I have copied it
        </Button>
      </DialogActions>
    </>
  );
}
