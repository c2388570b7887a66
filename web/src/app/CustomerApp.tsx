import type { UserDto } from '@khata/client';
import { Layout, type NavItem } from '../shared/Layout';
import { match, useLocation } from '../shared/router';
import { AccountPage } from './AccountPage';
import { AccountsPage } from './AccountsPage';
import { JoinPage } from './JoinPage';
import { PaymentsPage } from './PaymentsPage';

const NAV: NavItem[] = [
  { to: '/', label: 'My accounts', icon: 'book', exact: true, section: '/accounts' },
  { to: '/payments', label: 'My payments', icon: 'list' },
  { to: '/join', label: 'Join a shop', icon: 'plus' },
];

export default function CustomerApp({ user }: { user: UserDto }) {
  const { path, query } = useLocation();
  let page;
  let params: Record<string, string> | null;
  if ((params = match('/accounts/:accountId', path))) page = <AccountPage accountId={params.accountId} />;
  else if (path === '/payments') page = <PaymentsPage />;
  else if (path === '/join') page = <JoinPage key={query.get('code') ?? ''} />;
  else page = <AccountsPage />;
  return (
    <Layout nav={NAV} who={user.name}>
      {page}
    </Layout>
  );
}
