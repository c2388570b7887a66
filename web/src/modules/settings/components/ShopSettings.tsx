import { updateBusinessMutation, type MeBusinessDto } from '@khata/client';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { describeError } from '../../../shared/api/problems';
import { Button } from '../../../shared/ui/Button';
import card from '../../../shared/ui/Card.module.css';
import { cx } from '../../../shared/ui/cx';
import { Field } from '../../../shared/ui/Field';
import { formClass } from '../../../shared/ui/form';
import { FormError } from '../../../shared/ui/FormError';
import { notify } from '../../../shared/ui/Notice';
import { fieldError, onlyFieldErrors } from '../utils/field-errors';
import { FieldMessage } from './FieldMessage';
import styles from './Settings.module.css';

const WORDS = {
  name: 'Give the shop a name of 1 to 100 characters.',
  upiId: 'Enter a UPI ID like shopname@ybl (the address PhonePe shows under your QR code).',
};

/** The shop's name and UPI ID as customers see them (the pay button and QR use the UPI ID). */
export function ShopSettings({ business }: { business: MeBusinessDto }) {
  const queryClient = useQueryClient();
  const [form, setForm] = useState({ name: business.name, upiId: business.upiId });
  const save = useMutation({
    ...updateBusinessMutation(),
    onSuccess: (updated) => {
      setForm({ name: updated.name, upiId: updated.upiId });
      void queryClient.invalidateQueries();
      notify('Shop details saved.');
    },
  });
  const nameError = fieldError(save.error, 'name', WORDS);
  const upiError = fieldError(save.error, 'upiId', WORDS);
  const unchanged = form.name.trim() === business.name && form.upiId.trim() === business.upiId;

  function submit(event: FormEvent) {
    event.preventDefault();
    save.mutate({ path: { businessId: business.id }, body: { name: form.name.trim(), upiId: form.upiId.trim() } });
  }

  return (
    <section className={cx(card.card, styles.section)} aria-labelledby="shop-heading">
      <h2 id="shop-heading">Your shop</h2>
      <form onSubmit={submit} className={formClass} noValidate>
        <Field label="Shop name" id="shop-name">
          <input
            id="shop-name"
            autoComplete="organization"
            maxLength={100}
            value={form.name}
            onChange={(e) => setForm({ ...form, name: e.target.value })}
            aria-invalid={!!nameError || undefined}
            aria-describedby={nameError ? 'shop-name-error' : undefined}
          />
          <FieldMessage id="shop-name-error" message={nameError} />
        </Field>
        <Field label="UPI ID" id="shop-upi" hint="Customers pay to this; check it letter by letter">
          <input
            id="shop-upi"
            autoCapitalize="none"
            spellCheck={false}
            maxLength={100}
            value={form.upiId}
            onChange={(e) => setForm({ ...form, upiId: e.target.value })}
            aria-invalid={!!upiError || undefined}
            aria-describedby={upiError ? 'shop-upi-error shop-upi-hint' : 'shop-upi-hint'}
          />
          <FieldMessage id="shop-upi-error" message={upiError} />
        </Field>
        {save.isError && !onlyFieldErrors(save.error, ['name', 'upiId']) && <FormError>{describeError(save.error)}</FormError>}
        <Button variant="primary" type="submit" disabled={save.isPending || unchanged}>
          {save.isPending ? 'Saving…' : 'Save shop details'}
        </Button>
      </form>
    </section>
  );
}
