import type { UserDto } from '@khata/client';
import { AccountPage } from '../modules/accounts/components/AccountPage';
import { AccountsPage } from '../modules/accounts/components/AccountsPage';
import { JoinPage } from '../modules/accounts/components/JoinPage';
import { PaymentsPage } from '../modules/payments/components/PaymentsPage';
import { SettingsPage } from '../modules/settings/components/SettingsPage';
import { Layout, type NavItem } from './layout/Layout';
import { NotFoundPage } from './NotFoundPage';
import { isUuid, match, useLocation } from './router';

const NAV: NavItem[] = [
  { to: '/', label: 'My accounts', icon: 'book', exact: true, section: '/accounts' },
  { to: '/payments', label: 'My payments', icon: 'list' },
  { to: '/join', label: 'Join a shop', icon: 'plus' },
  { to: '/settings', label: 'Settings', icon: 'gear' },
];

/** The customer's pages (loaded only for a customer login). */
export default function CustomerApp({ user }: { user: UserDto }) {
  const { path, query } = useLocation();
  let page;
  let params: Record<string, string> | null;
  if ((params = match('/accounts/:accountId', path)))
    page = isUuid(params.accountId) ? (
      <AccountPage accountId={params.accountId} />
    ) : (
      <NotFoundPage what="account" home="Go to my accounts" />
    );
  else if (path === '/payments') page = <PaymentsPage />;
  else if (path === '/settings') page = <SettingsPage />;
  else if (path === '/join') page = <JoinPage key={query.get('code') ?? ''} />;
  else if (path === '/') page = <AccountsPage />;
  else page = <NotFoundPage home="Go to my accounts" />;
  return (
    <Layout nav={NAV} who={user.name}>
      {page}
    </Layout>
  );
}
