import { QRCodeSVG } from 'qrcode.react';
import { useState } from 'react';
import { Link } from '../../../app/router';
import { Button } from '../../../shared/ui/Button';
import { Choice } from '../../../shared/ui/Choice';
import { ErrorNote } from '../../../shared/ui/ErrorNote';
import { QueryState } from '../../../shared/ui/QueryState';
import { joinLink } from '../../accounts/utils/join-link';
import { useMe } from '../../dashboard/hooks/useMe';
import { upiPayeeLink } from '../utils/upi-payee';
import styles from './PosterPage.module.css';

type Paper = 'A5' | 'A4';

/**
 * A poster for the counter, to print: the shop's name, a QR code to join its khata (the join link with the shop's
 * code) and one to pay it with any UPI app (the UPI ID alone, no amount). Printed, only the poster is on the page,
 * on A5 or A4.
 */
export function PosterPage() {
  const me = useMe();
  const [paper, setPaper] = useState<Paper>('A5');
  return (
    <QueryState query={me}>
      {({ business }) =>
        business ? (
          <>
            {/* The paper size of the printout; the page's other styles are in the CSS Module. */}
            <style>{`@page { size: ${paper} portrait; margin: 10mm; }`}</style>
            <div className={styles.controls}>
              <p>
                <Link to="/">← Dashboard</Link>
              </p>
              <h1>Counter poster</h1>
              <p>Print this and put it up at your counter: customers scan it to join your khata or to pay you.</p>
              <Choice legend="Paper" pills>
                {(['A5', 'A4'] as const).map((size) => (
                  <label key={size}>
                    <input type="radio" name="paper" checked={paper === size} onChange={() => setPaper(size)} /> {size}
                  </label>
                ))}
              </Choice>
              <Button variant="primary" onClick={() => window.print()}>
                Print poster
              </Button>
            </div>
            <Poster name={business.name} upiId={business.upiId} joinCode={business.joinCode} paper={paper} />
          </>
        ) : (
          <ErrorNote error={me.error} onRetry={() => void me.refetch()} />
        )
      }
    </QueryState>
  );
}

function Poster({ name, upiId, joinCode, paper }: { name: string; upiId: string; joinCode: string; paper: Paper }) {
  const join = joinLink(joinCode);
  const pay = upiPayeeLink(upiId, name);
  return (
    <article className={styles.poster} data-paper={paper} aria-label="Poster">
      <h2 className={styles.shop}>{name}</h2>
      <p className={styles.tagline}>Your khata, on your phone</p>
      <div className={styles.codes}>
        <figure className={styles.code} data-qr="join" data-value={join}>
          <QRCodeSVG value={join} size={240} marginSize={2} role="img" aria-label={`QR code to join ${name} on Khata Pay`} />
          <figcaption>
            <strong>Scan to join our khata</strong>
            <span>
              or enter code <span className={styles.mono}>{joinCode}</span>
            </span>
          </figcaption>
        </figure>
        <figure className={styles.code} data-qr="upi" data-value={pay}>
          <QRCodeSVG value={pay} size={240} marginSize={2} role="img" aria-label={`QR code to pay ${name} with any UPI app`} />
          <figcaption>
            <strong>Scan to pay with PhonePe or any UPI app</strong>
            <span>
              UPI ID <span className={styles.mono}>{upiId}</span>
            </span>
          </figcaption>
        </figure>
      </div>
      <p className={styles.footer}>After paying, tell us in Khata Pay: your khata updates when we confirm.</p>
    </article>
  );
}
