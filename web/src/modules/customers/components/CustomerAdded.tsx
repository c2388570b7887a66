import type { AccountDto } from '@khata/client';
import { absoluteAmount, formatRupees, signOf } from '../../../shared/format/money';
import { Button } from '../../../shared/ui/Button';
import { DialogActions } from '../../../shared/ui/DialogActions';
import { InviteCode } from './InviteCode';

/** After adding a customer: what they owe, and the invite code to send them. */
export function CustomerAdded({ account, onDone }: { account: AccountDto; onDone: () => void }) {
  return (
    <>
      <p>
        {account.customerName} is on your list. {sentenceFor(account.currentBalance)}
      </p>
      {account.inviteCode && <InviteCode code={account.inviteCode} name={account.customerName} />}
      <DialogActions>
        <Button variant="primary" onClick={onDone}>
          Done
        </Button>
      </DialogActions>
    </>
  );
}

/** Their balance as a sentence: "They owe ₹1,250.00.", "They paid ₹200.00 in advance.", "Nothing is owed yet." */
function sentenceFor(balance: string): string {
  const sign = signOf(balance);
  if (sign > 0) return `They owe ${formatRupees(balance)}.`;
  if (sign < 0) return `They paid ${formatRupees(absoluteAmount(balance))} in advance.`;
  return 'Nothing is owed yet.';
}
