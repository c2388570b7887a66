import type { PaymentDto } from '@khata/client';
import { QRCodeSVG } from 'qrcode.react';
import { useState } from 'react';
import { formatRupees, readAmount } from '../../../shared/format/money';
import { Button, buttonClass } from '../../../shared/ui/Button';
import card from '../../../shared/ui/Card.module.css';
import { copyText } from '../../../shared/ui/copy-text';
import { cx } from '../../../shared/ui/cx';
import { Field } from '../../../shared/ui/Field';
import { FormError } from '../../../shared/ui/FormError';
import { notify } from '../../../shared/ui/Notice';
import text from '../../../shared/ui/text.module.css';
import { phonePeIntent, splitForUpiLimit, upiIntent, upiNote } from '../utils/upi-intent';
import { ClaimForm } from './ClaimForm';
import { SendAgainNote } from './SendAgainNote';
import styles from './PayPanel.module.css';

/**
 * Paying a shop: PhonePe opened with everything filled in (its own scheme; any other UPI app beside it, and a QR
 * code to scan), then the claim. The amount is typed as people do ("1,25,000"); one that cannot be read says why
 * and takes the links and the QR code away rather than leaving the amount out of them. Above the usual UPI limit
 * of one payment, it offers to split. `again`: a rejected claim sent again, its amount and note filled in.
 */
export function PayPanel(props: {
  businessId: string;
  businessName: string;
  customerName: string;
  upiId: string;
  defaultAmount: string;
  again?: PaymentDto;
  onClose: () => void;
}) {
  const [amount, setAmount] = useState(props.defaultAmount);
  const typed = amount.trim() ? readAmount(amount) : null;
  const payable = typed?.ok ? typed.amount : null;
  const split = payable ? splitForUpiLimit(payable) : null;
  const payment = { upiId: props.upiId, name: props.businessName, amount: payable, note: upiNote(props.customerName, props.businessName) };
  const describedBy = ['pay-amount-hint', typed && !typed.ok && 'pay-amount-error', split && 'pay-limit'].filter(Boolean).join(' ');

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
          <Field label="Amount to pay (₹)" id="pay-amount" hint="Like 2,500 or 1,25,000.50. Leave it empty to type it in PhonePe.">
            <input
              id="pay-amount"
              inputMode="decimal"
              autoComplete="off"
              value={amount}
              onChange={(e) => setAmount(e.target.value)}
              aria-invalid={typed && !typed.ok ? true : undefined}
              aria-describedby={describedBy}
            />
          </Field>
          {typed && !typed.ok && (
            <div id="pay-amount-error">
              <FormError>{typed.reason} The PhonePe link and QR code come back once the amount is right.</FormError>
            </div>
          )}
          {split && (
            <div className={styles.limit} id="pay-limit" role="note">
              <p>
                UPI apps usually take at most {formatRupees(split.now)} in one payment, so {formatRupees(payable!)} may be refused. Pay{' '}
                {formatRupees(split.now)} now and the rest, {formatRupees(split.rest)}, in a second payment.
              </p>
              <div className={styles.actions}>
                <Button variant="secondary" small onClick={() => setAmount(split.now)}>
                  Pay {formatRupees(split.now)} now
                </Button>
                <Button variant="secondary" small onClick={() => setAmount(split.rest)}>
                  Pay the rest: {formatRupees(split.rest)}
                </Button>
              </div>
            </div>
          )}
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
          {!(typed && !typed.ok) && (
            <>
              <div className={styles.actions}>
                <a className={buttonClass({ variant: 'primary', wide: true })} href={phonePeIntent(payment)}>
                  Open PhonePe{payable ? ` to pay ${formatRupees(payable)}` : ''}
                </a>
                <a className={buttonClass({ variant: 'secondary', wide: true })} href={upiIntent(payment)}>
                  Another UPI app
                </a>
              </div>
              <div className={styles.qr}>
                <QRCodeSVG
                  value={upiIntent(payment)}
                  size={176}
                  marginSize={2}
                  title={`QR code to pay ${props.businessName} with any UPI app`}
                  role="img"
                  aria-label={`QR code to pay ${props.businessName} with any UPI app`}
                />
                <p className={cx(text.muted, text.small)}>Paying from another phone? Scan this with PhonePe.</p>
              </div>
            </>
          )}
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
