import type { UserDto } from '@khata/client';
import { PendingPage } from '../modules/approvals/components/PendingPage';
import { CustomerPage } from '../modules/customers/components/CustomerPage';
import { CustomersPage } from '../modules/customers/components/CustomersPage';
import { Dashboard } from '../modules/dashboard/components/Dashboard';
import { DevelopersPage } from '../modules/developers/components/DevelopersPage';
import { HistoryPage } from '../modules/history/components/HistoryPage';
import { Layout, type NavItem } from './layout/Layout';
import { match, useLocation } from './router';

const NAV: NavItem[] = [
  { to: '/', label: 'Dashboard', icon: 'home', exact: true },
  { to: '/pending', label: 'Pending', icon: 'clock' },
  { to: '/customers', label: 'Customers', icon: 'people' },
  { to: '/history', label: 'History', icon: 'list' },
];

/** The shopkeeper's pages (loaded only for a business login). */
export default function BusinessApp({ user }: { user: UserDto }) {
  const { path } = useLocation();
  let page;
  let params: Record<string, string> | null;
  if (path === '/pending') page = <PendingPage />;
  else if ((params = match('/customers/:accountId', path))) page = <CustomerPage accountId={params.accountId} />;
  else if (path === '/customers') page = <CustomersPage />;
  else if (path === '/history') page = <HistoryPage />;
  else if (path === '/developers') page = <DevelopersPage />;
  else page = <Dashboard />;
  return (
    <Layout nav={NAV} who={user.name}>
      {page}
    </Layout>
  );
}
