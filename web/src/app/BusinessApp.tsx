import type { UserDto } from '@khata/client';
import { PendingPage } from '../modules/approvals/components/PendingPage';
import { CustomerPage } from '../modules/customers/components/CustomerPage';
import { CustomersPage } from '../modules/customers/components/CustomersPage';
import { Dashboard } from '../modules/dashboard/components/Dashboard';
import { DevelopersPage } from '../modules/developers/components/DevelopersPage';
import { HistoryPage } from '../modules/history/components/HistoryPage';
import { PosterPage } from '../modules/poster/components/PosterPage';
import { SettingsPage } from '../modules/settings/components/SettingsPage';
import { Layout, type NavItem } from './layout/Layout';
import { NotFoundPage } from './NotFoundPage';
import { isUuid, match, useLocation } from './router';

const NAV: NavItem[] = [
  { to: '/', label: 'Dashboard', icon: 'home', exact: true },
  { to: '/pending', label: 'Pending', icon: 'clock' },
  { to: '/customers', label: 'Customers', icon: 'people' },
  { to: '/history', label: 'History', icon: 'list' },
  { to: '/settings', label: 'Settings', icon: 'gear' },
  // Not in a phone's tab bar (the dashboard links to it): few shopkeepers need it, and four tabs fit a thumb.
  { to: '/developers', label: 'Developers', icon: 'code', wide: true },
];

/** The shopkeeper's pages (loaded only for a business login). */
export default function BusinessApp({ user }: { user: UserDto }) {
  const { path } = useLocation();
  let page;
  let params: Record<string, string> | null;
  if (path === '/pending') page = <PendingPage />;
  else if ((params = match('/customers/:accountId', path)))
    page = isUuid(params.accountId) ? (
      <CustomerPage accountId={params.accountId} />
    ) : (
      <NotFoundPage what="customer" home="Go to the dashboard" />
    );
  else if (path === '/customers') page = <CustomersPage />;
  else if (path === '/history') page = <HistoryPage />;
  else if (path === '/settings') page = <SettingsPage />;
  else if (path === '/developers') page = <DevelopersPage />;
  else if (path === '/poster') page = <PosterPage />;
  else if (path === '/') page = <Dashboard />;
  else page = <NotFoundPage home="Go to the dashboard" />;
  return (
    <Layout nav={NAV} who={user.name}>
      {page}
    </Layout>
  );
}
