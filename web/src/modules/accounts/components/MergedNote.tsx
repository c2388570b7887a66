import { Callout } from '../../../shared/ui/Callout';
import { TapLink } from '../../../shared/ui/TapLink';

/** On a merged (closed) account: where the account in use is. `business` names the shop for its customer. */
export function MergedNote({ to, business }: { to: string; business?: string }) {
  return (
    <Callout>
      This account was merged into another one{business ? ` with ${business}` : ''}; its history stays here.{' '}
      <TapLink to={to}>Open the account in use</TapLink>
    </Callout>
  );
}
