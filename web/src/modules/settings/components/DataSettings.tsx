import { useMutation } from '@tanstack/react-query';
import { describeError } from '../../../shared/api/problems';
import { Button } from '../../../shared/ui/Button';
import card from '../../../shared/ui/Card.module.css';
import { cx } from '../../../shared/ui/cx';
import { FormError } from '../../../shared/ui/FormError';
import { notify } from '../../../shared/ui/Notice';
import { downloadData } from '../utils/download';
import styles from './Settings.module.css';

/** "Download my data": everything kept about you as yourself, as JSON (complete) or CSV (for a spreadsheet). */
export function DataSettings({ isShop }: { isShop: boolean }) {
  const download = useMutation({ mutationFn: downloadData, onSuccess: (name) => notify(`Downloaded ${name}.`) });
  return (
    <section className={cx(card.card, styles.section)} aria-labelledby="data-heading">
      <h2 id="data-heading">Your data</h2>
      <p>
        Download what Khata Pay keeps about you: your profile, {isShop ? 'your shop, its customer accounts' : 'your accounts with shops'},
        every ledger entry and payment claim. India&rsquo;s Digital Personal Data Protection Act gives you this right.
      </p>
      {download.isError && <FormError>{describeError(download.error)}</FormError>}
      <div className={styles.actions}>
        <Button variant="secondary" onClick={() => download.mutate('json')} disabled={download.isPending}>
          Download (JSON)
        </Button>
        <Button variant="secondary" onClick={() => download.mutate('csv')} disabled={download.isPending}>
          Download (CSV)
        </Button>
      </div>
    </section>
  );
}
