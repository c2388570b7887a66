import { logOutEverywhereMutation } from '@khata/client';
import { useMutation } from '@tanstack/react-query';
import { describeError } from '../../../shared/api/problems';
import { Button } from '../../../shared/ui/Button';
import card from '../../../shared/ui/Card.module.css';
import { cx } from '../../../shared/ui/cx';
import { FormError } from '../../../shared/ui/FormError';
import { endSession } from '../../auth/utils/log-out';
import styles from './Settings.module.css';

/** Every login of this user ends, this one too. */
export function SessionsSettings() {
  const everywhere = useMutation({ ...logOutEverywhereMutation(), onSuccess: () => endSession('everywhere') });
  return (
    <section className={cx(card.card, styles.section)} aria-labelledby="sessions-heading">
      <h2 id="sessions-heading">Logged-in phones and computers</h2>
      <p>
        Lost a phone, or logged in on someone else&rsquo;s? Log out everywhere, this phone too. Each one stops at once from staying logged
        in; a page already open there keeps working for at most 15 minutes, until its short-lived access runs out.
      </p>
      {everywhere.isError && <FormError>{describeError(everywhere.error)}</FormError>}
      <Button variant="dangerOutline" onClick={() => everywhere.mutate({})} disabled={everywhere.isPending}>
        {everywhere.isPending ? 'Logging out…' : 'Log out everywhere'}
      </Button>
    </section>
  );
}
