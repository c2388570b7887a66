import { Choice } from '../../../shared/ui/Choice';
import { fieldClass, hintClass } from '../../../shared/ui/form';

export const COMMON_REASONS = ['Amount not received', 'Wrong amount', 'Duplicate claim', 'UTR does not match'];
export const OTHER = 'Other';
export const MAX_REASON = 500;

/** The reason as the customer will read it: a common one, with details or not, or one written out ("Other"). */
export function reasonText(choice: string, details: string): string {
  const more = details.trim();
  if (choice === OTHER || choice === '') return more;
  return more ? `${choice}: ${more}` : choice;
}

/**
 * A common reason as a pill, or "Other", and the details (the whole reason for "Other"). Nothing is chosen at
 * first (one careless tap must not reject with a reason the customer reads); typing alone is a reason too. The
 * count shows once there is something to count.
 */
export function ReasonPicker({
  choice,
  details,
  onChoice,
  onDetails,
}: {
  choice: string;
  details: string;
  onChoice: (choice: string) => void;
  onDetails: (details: string) => void;
}) {
  const length = reasonText(choice, details).length;
  return (
    <>
      <Choice legend="Reason (the customer will see it)" pills>
        {[...COMMON_REASONS, OTHER].map((option) => (
          <label key={option}>
            <input type="radio" name="reason" value={option} checked={choice === option} onChange={() => onChoice(option)} /> {option}
          </label>
        ))}
      </Choice>
      <div className={fieldClass}>
        <label htmlFor="reject-details">{choice === OTHER || choice === '' ? 'Reason' : 'More details (optional)'}</label>
        <textarea
          id="reject-details"
          rows={3}
          maxLength={MAX_REASON}
          value={details}
          onChange={(e) => onDetails(e.target.value)}
          required={choice === OTHER || choice === ''}
          aria-describedby="reject-details-hint"
        />
        <p className={hintClass} id="reject-details-hint">
          {details.length === 0 ? `Up to ${MAX_REASON} characters` : `${length}/${MAX_REASON} characters`}
        </p>
      </div>
    </>
  );
}
