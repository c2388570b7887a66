import type { UserDto } from '@khata/client';
import { Layout, type NavItem } from '../shared/Layout';
import { match, useLocation } from '../shared/router';
import { CustomerPage } from './CustomerPage';
import { CustomersPage } from './CustomersPage';
import { Dashboard } from './Dashboard';
import { HistoryPage } from './HistoryPage';
import { PendingPage } from './PendingPage';

const NAV: NavItem[] = [
  { to: '/', label: 'Dashboard', icon: 'home', exact: true },
  { to: '/pending', label: 'Pending', icon: 'clock' },
  { to: '/customers', label: 'Customers', icon: 'people' },
  { to: '/history', label: 'History', icon: 'list' },
];

export default function BusinessApp({ user }: { user: UserDto }) {
  const { path } = useLocation();
  let page;
  let params: Record<string, string> | null;
  if (path === '/pending') page = <PendingPage />;
  else if ((params = match('/customers/:accountId', path))) page = <CustomerPage accountId={params.accountId} />;
  else if (path === '/customers') page = <CustomersPage />;
  else if (path === '/history') page = <HistoryPage />;
  else page = <Dashboard />;
  return (
    <Layout nav={NAV} who={user.name}>
      {page}
    </Layout>
  );
}
