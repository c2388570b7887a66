import { Field } from '../../../shared/ui/Field';

type Change = (key: 'businessName' | 'upiId') => (event: { target: { value: string } }) => void;

/** What a shop owner adds when registering: the shop's name, and the UPI ID customers pay to. */
export function ShopFields({
  businessName,
  upiId,
  onChange,
  errors = {},
}: {
  businessName: string;
  upiId: string;
  onChange: Change;
  /** Why the API refused either field, in words (see `formProblem`). */
  errors?: Partial<Record<string, string>>;
}) {
  return (
    <>
      <Field label="Shop name" id="reg-business" error={errors.businessName}>
        <input id="reg-business" required value={businessName} onChange={onChange('businessName')} />
      </Field>
      <Field label="UPI ID" id="reg-upi" hint="Where customers pay you, like sharmakirana@ybl" error={errors.upiId}>
        <input
          id="reg-upi"
          required
          autoCapitalize="none"
          spellCheck={false}
          value={upiId}
          onChange={onChange('upiId')}
          aria-describedby="reg-upi-hint"
        />
      </Field>
    </>
  );
}
