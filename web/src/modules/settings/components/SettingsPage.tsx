import { ErrorNote } from '../../../shared/ui/ErrorNote';
import { QueryState } from '../../../shared/ui/QueryState';
import { useMe } from '../../dashboard/hooks/useMe';
import { CloseAccount } from './CloseAccount';
import { DataSettings } from './DataSettings';
import { PasswordSettings } from './PasswordSettings';
import { RecoveryCodesSettings } from './RecoveryCodesSettings';
import { SessionsSettings } from './SessionsSettings';
import { ShopSettings } from './ShopSettings';
import styles from './Settings.module.css';

/** Settings, for both roles: the shop (owner), password, recovery codes, sessions, your data, closing the account. */
export function SettingsPage() {
  const me = useMe();
  return (
    <QueryState query={me}>
      {({ user, business }) =>
        user ? (
          <>
            <h1>Settings</h1>
            <div className={styles.sections}>
              {business && <ShopSettings key={`${business.name}|${business.upiId}`} business={business} />}
              <PasswordSettings />
              <RecoveryCodesSettings />
              <SessionsSettings />
              <DataSettings isShop={!!business} />
              <CloseAccount isShop={!!business} />
            </div>
          </>
        ) : (
          <ErrorNote error={me.error} onRetry={() => void me.refetch()} />
        )
      }
    </QueryState>
  );
}
