import type { JoinPreviewDto } from '@khata/client';
import styles from './JoinPage.module.css';

/** Whose code it is, so the customer knows which shop they are joining (and whether it merges two accounts). */
export function JoinPreview({ preview }: { preview: JoinPreviewDto }) {
  return (
    <p className={styles.preview} role="status">
      {preview.canMerge ? (
        <>
          <strong>{preview.businessName}</strong> added you as {preview.accountName}, and you already have an account there. Joining makes
          them one account: your balance there moves to this one, and its history stays.
        </>
      ) : preview.alreadyLinked ? (
        <>
          You already have an account with <strong>{preview.businessName}</strong>.
        </>
      ) : preview.kind === 'invite' ? (
        <>
          <strong>{preview.businessName}</strong> added you as {preview.accountName}: joining links that account and its ledger to you.
        </>
      ) : (
        <>
          This is the code of <strong>{preview.businessName}</strong>.
        </>
      )}
    </p>
  );
}
