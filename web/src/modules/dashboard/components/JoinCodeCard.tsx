import { getBusinessOptions, meQueryKey, regenerateJoinCodeMutation } from '@khata/client';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { QRCodeSVG } from 'qrcode.react';
import { useState } from 'react';
import { describeError } from '../../../shared/api/problems';
import { useAction } from '../../../shared/api/useIdempotentMutation';
import { Button, buttonClass } from '../../../shared/ui/Button';
import card from '../../../shared/ui/Card.module.css';
import { cx } from '../../../shared/ui/cx';
import { Dialog } from '../../../shared/ui/Dialog';
import { DialogActions } from '../../../shared/ui/DialogActions';
import { FormError } from '../../../shared/ui/FormError';
import { notify } from '../../../shared/ui/Notice';
import { HeadingRow } from '../../../shared/ui/HeadingRow';
import { QueryState } from '../../../shared/ui/QueryState';
import { Link } from '../../../app/router';
import { SendingNote } from '../../../shared/ui/SendingNote';
import { JoinCodeText } from '../../accounts/components/JoinCodeText';
import { joinLink, shareJoinLink } from '../../accounts/utils/join-link';
import styles from './JoinCodeCard.module.css';

/** The shop's join code with its QR code, to share or replace (the old code then stops working). */
export function JoinCodeCard({ businessId }: { businessId: string }) {
  const queryClient = useQueryClient();
  const business = useQuery(getBusinessOptions({ path: { businessId } }));
  const [confirming, setConfirming] = useState(false);
  const regenerate = useAction({
    ...regenerateJoinCodeMutation(),
    onSuccess: (updated) => {
      queryClient.setQueryData(getBusinessOptions({ path: { businessId } }).queryKey, updated);
      void queryClient.invalidateQueries({ queryKey: meQueryKey() });
      setConfirming(false);
      notify(`New join code: ${updated.joinCode}. The old code no longer works.`);
    },
  });
  return (
    <QueryState query={business}>
      {(shop) => {
        const code = shop.joinCode ?? '';
        return (
          <section className={cx(card.card, styles.joinCard)} aria-labelledby="join-heading">
            <HeadingRow>
              <h2 id="join-heading">Your join code</h2>
              <Link to="/poster" className={buttonClass({ variant: 'secondary', small: true })}>
                Counter poster
              </Link>
            </HeadingRow>
            <p>Customers scan this or type the code to connect with {shop.name}.</p>
            <div className={styles.body}>
              <QRCodeSVG
                value={joinLink(code)}
                size={148}
                marginSize={2}
                role="img"
                aria-label={`QR code with the link to join ${shop.name}`}
              />
              <div>
                <JoinCodeText code={code} />
                <div className={styles.actions}>
                  <Button variant="secondary" onClick={() => void shareJoinLink(code, shop.name)}>
                    Share link
                  </Button>
                  <Button variant="ghost" onClick={() => setConfirming(true)}>
                    New code
                  </Button>
                </div>
              </div>
            </div>
            <Dialog open={confirming} onClose={() => setConfirming(false)} title="Make a new join code?">
              <p>The current code {code} will stop working. Customers already connected stay connected.</p>
              {regenerate.isError && <FormError>{describeError(regenerate.error)}</FormError>}
              <SendingNote waiting={regenerate.waiting} />
              <DialogActions>
                <Button variant="secondary" onClick={() => setConfirming(false)}>
                  Keep current code
                </Button>
                <Button variant="primary" disabled={regenerate.isPending} onClick={() => regenerate.mutate({ path: { businessId } })}>
                  Make new code
                </Button>
              </DialogActions>
            </Dialog>
          </section>
        );
      }}
    </QueryState>
  );
}
