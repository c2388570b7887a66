import { submitPayment } from '@khata/client';
import { useQueryClient } from '@tanstack/react-query';
import { QRCodeSVG } from 'qrcode.react';
import { useRef, useState, type FormEvent } from 'react';
import { createIdempotency, refreshMoneyQueries } from '../shared/lists';
import { formatRupees, isValidAmount, toTwoDecimals } from '../shared/money';
import { describeError } from '../shared/problems';
import { copyText, Field, notify } from '../shared/ui';

/** The UPI intent PhonePe (and every UPI app) understands; on a phone the link opens the app with all filled in. */
export function upiIntent({ upiId, name, amount, note }: { upiId: string; name: string; amount: string; note: string }): string {
  const params = [
    // The payee address stays readable (name@bank): some UPI apps do not decode %40 in `pa`.
    `pa=${encodeURIComponent(upiId).replace(/%40/g, '@')}`,
    `pn=${encodeURIComponent(name)}`,
    ...(isValidAmount(amount) ? [`am=${toTwoDecimals(amount)}`] : []),
    'cu=INR',
    `tn=${encodeURIComponent(note)}`,
  ];
  return `upi://pay?${params.join('&')}`;
}

const UTR_PATTERN = /^\d{12}$/;

export function PayPanel(props: { businessId: string; businessName: string; upiId: string; defaultAmount: string; onClose: () => void }) {
  const [amount, setAmount] = useState(props.defaultAmount);
  const [claimAmount, setClaimAmount] = useState<string | null>(null); // null: follows the amount above
  const [notes, setNotes] = useState('');
  const [utr, setUtr] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [problems, setProblems] = useState<string | null>(null);
  const idempotency = useRef(createIdempotency()).current;
  const queryClient = useQueryClient();

  const paid = claimAmount ?? amount;
  const link = upiIntent({ upiId: props.upiId, name: props.businessName, amount, note: `Khata payment to ${props.businessName}` });

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (busy) return; // a double tap sends one request; a retry reuses the same key anyway
    const cleanUtr = utr.replace(/\s/g, '');
    if (!isValidAmount(paid)) return setProblems('Enter the amount you paid, like 250 or 250.50.');
    if (cleanUtr && !UTR_PATTERN.test(cleanUtr)) return setProblems('The UTR is the 12-digit number PhonePe shows after paying.');
    setProblems(null);
    setError(null);
    const body = {
      businessId: props.businessId,
      amount: paid.trim(),
      ...(notes.trim() ? { notes: notes.trim() } : {}),
      ...(cleanUtr ? { utr: cleanUtr } : {}),
    };
    const key = idempotency.keyFor(body);
    setBusy(true);
    try {
      const { data, error } = await submitPayment({ body, headers: { 'Idempotency-Key': key } });
      if (data) {
        idempotency.done();
        notify(`Claim of ${formatRupees(data.amount)} sent to ${props.businessName}. It shows as pending until they confirm.`);
        await refreshMoneyQueries(queryClient);
        props.onClose();
      } else {
        setError(error);
      }
    } catch (e) {
      setError(e); // network trouble: pressing the button again retries with the same key
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="card pay-panel" aria-labelledby="pay-heading">
      <div className="row">
        <h2 id="pay-heading">Pay via PhonePe</h2>
        <button type="button" className="button ghost small" onClick={props.onClose}>
          Close
        </button>
      </div>
      <ol className="steps">
        <li>
          <h3>Pay {props.businessName}</h3>
          <Field label="Amount to pay (₹)" id="pay-amount">
            <input id="pay-amount" inputMode="decimal" autoComplete="off" value={amount} onChange={(e) => setAmount(e.target.value)} />
          </Field>
          <p>
            UPI ID: <strong className="upi-id">{props.upiId}</strong>{' '}
            <button
              type="button"
              className="button ghost small"
              onClick={() =>
                void copyText(props.upiId).then((ok) => notify(ok ? 'UPI ID copied.' : 'Could not copy; please note it down.'))
              }
            >
              Copy
            </button>
          </p>
          <a className="button primary phonepe" href={link}>
            Open PhonePe{isValidAmount(amount) ? ` to pay ${formatRupees(amount)}` : ''}
          </a>
          <div className="qr">
            <QRCodeSVG
              value={link}
              size={176}
              marginSize={2}
              title={`QR code to pay ${props.businessName} with any UPI app`}
              role="img"
              aria-label={`QR code to pay ${props.businessName} with any UPI app`}
            />
            <p className="muted small">Paying from another phone? Scan this with PhonePe.</p>
          </div>
        </li>
        <li>
          <h3>Then tell the shop</h3>
          <form className="form" onSubmit={submit} noValidate>
            <Field label="Amount paid (₹)" id="claim-amount">
              <input
                id="claim-amount"
                inputMode="decimal"
                autoComplete="off"
                required
                value={paid}
                onChange={(e) => setClaimAmount(e.target.value)}
              />
            </Field>
            <Field label="UTR (optional)" id="claim-utr" hint="The 12-digit UPI reference PhonePe shows after paying, like 412345678901">
              <input
                id="claim-utr"
                inputMode="numeric"
                autoComplete="off"
                maxLength={14}
                value={utr}
                onChange={(e) => setUtr(e.target.value)}
                aria-describedby="claim-utr-hint"
              />
            </Field>
            <Field label="Notes (optional)" id="claim-notes">
              <textarea id="claim-notes" rows={2} maxLength={500} value={notes} onChange={(e) => setNotes(e.target.value)} />
            </Field>
            {(problems || error != null) && (
              <p className="form-error" role="alert">
                {problems ?? describeError(error)}
              </p>
            )}
            <button type="submit" className="button primary" disabled={busy}>
              {busy ? 'Sending…' : 'I have paid: send claim'}
            </button>
          </form>
        </li>
      </ol>
    </section>
  );
}
