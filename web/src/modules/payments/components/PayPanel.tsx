import type { PaymentDto } from '@khata/client';
import { QRCodeSVG } from 'qrcode.react';
import { useState } from 'react';
import { formatRupees, isValidAmount } from '../../../shared/format/money';
import { Button, buttonClass } from '../../../shared/ui/Button';
import card from '../../../shared/ui/Card.module.css';
import { copyText } from '../../../shared/ui/copy-text';
import { cx } from '../../../shared/ui/cx';
import { Field } from '../../../shared/ui/Field';
import { notify } from '../../../shared/ui/Notice';
import text from '../../../shared/ui/text.module.css';
import { upiIntent } from '../utils/upi-intent';
import { ClaimForm } from './ClaimForm';
import { SendAgainNote } from './SendAgainNote';
import styles from './PayPanel.module.css';

/**
 * Paying a shop: PhonePe opened with everything filled in (or a QR code to scan), then the claim. `again`: a
 * rejected claim sent again, its amount and note filled in.
 */
export function PayPanel(props: {
  businessId: string;
  businessName: string;
  upiId: string;
  defaultAmount: string;
  again?: PaymentDto;
  onClose: () => void;
}) {
  const [amount, setAmount] = useState(props.defaultAmount);
  const link = upiIntent({ upiId: props.upiId, name: props.businessName, amount, note: `Khata payment to ${props.businessName}` });

  return (
    <section className={cx(card.card, styles.panel)} aria-labelledby="pay-heading">
      <div className={styles.head}>
        <h2 id="pay-heading">Pay via PhonePe</h2>
        <Button variant="ghost" small onClick={props.onClose}>
          Close
        </Button>
      </div>
      {props.again && <SendAgainNote claim={props.again} />}
      <ol className={styles.steps}>
        <li>
          <h3>Pay {props.businessName}</h3>
          <Field label="Amount to pay (₹)" id="pay-amount">
            <input id="pay-amount" inputMode="decimal" autoComplete="off" value={amount} onChange={(e) => setAmount(e.target.value)} />
          </Field>
          <p>
            UPI ID: <strong className={styles.upiId}>{props.upiId}</strong>{' '}
            <Button
              variant="ghost"
              small
              onClick={() =>
                void copyText(props.upiId).then((ok) => notify(ok ? 'UPI ID copied.' : 'Could not copy; please note it down.'))
              }
            >
              Copy
            </Button>
          </p>
          <a className={buttonClass({ variant: 'primary', wide: true })} href={link}>
            Open PhonePe{isValidAmount(amount) ? ` to pay ${formatRupees(amount)}` : ''}
          </a>
          <div className={styles.qr}>
            <QRCodeSVG
              value={link}
              size={176}
              marginSize={2}
              title={`QR code to pay ${props.businessName} with any UPI app`}
              role="img"
              aria-label={`QR code to pay ${props.businessName} with any UPI app`}
            />
            <p className={cx(text.muted, text.small)}>Paying from another phone? Scan this with PhonePe.</p>
          </div>
        </li>
        <li>
          <h3>Then tell the shop</h3>
          <ClaimForm
            businessId={props.businessId}
            businessName={props.businessName}
            amountToPay={amount}
            again={props.again}
            onSent={props.onClose}
          />
        </li>
      </ol>
    </section>
  );
}
