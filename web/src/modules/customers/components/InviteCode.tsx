import { Button } from '../../../shared/ui/Button';
import { JoinCodeText } from '../../accounts/components/JoinCodeText';
import { shareJoinLink } from '../../accounts/utils/join-link';
import styles from './InviteCode.module.css';

/** The code a customer the shop added joins with, to claim exactly their account. */
export function InviteCode({ code, name }: { code: string; name: string }) {
  return (
    <div className={styles.invite}>
      <p>Ask {name} to join with this invite code:</p>
      <JoinCodeText code={code} />
      <Button variant="secondary" onClick={() => void shareJoinLink(code, name)}>
        Share invite link
      </Button>
    </div>
  );
}
