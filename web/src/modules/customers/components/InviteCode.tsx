import { joinLink, shareJoinLink } from './Dashboard';

/** The code a customer the shop added joins with, to claim exactly their account. */
export function InviteCode({ code, name }: { code: string; name: string }) {
  return (
    <div className="invite">
      <p>Ask {name} to join with this invite code:</p>
      <p className="join-code">{code}</p>
      <p className="small break">{joinLink(code)}</p>
      <button type="button" className="button secondary" onClick={() => void shareJoinLink(code, name)}>
        Share invite link
      </button>
    </div>
  );
}
