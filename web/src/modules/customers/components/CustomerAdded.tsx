import type { AccountDto } from '@khata/client';
import { Balance } from '../../../shared/ui/Balance';
import { Button } from '../../../shared/ui/Button';
import { DialogActions } from '../../../shared/ui/DialogActions';
import { InviteCode } from './InviteCode';

/** After adding a customer: what they owe, and the invite code to send them. */
export function CustomerAdded({ account, onDone }: { account: AccountDto; onDone: () => void }) {
  return (
    <>
      <p>
        {account.customerName} is on your list with <Balance amount={account.currentBalance} who="they" />.
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
