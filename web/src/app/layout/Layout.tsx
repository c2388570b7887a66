import type { ReactNode } from 'react';
import { logOut } from '../../modules/auth/utils/log-out';
import { Button } from '../../shared/ui/Button';
import { NavLink } from '../router';
import styles from './Layout.module.css';
import { LiveIndicator } from './LiveIndicator';
import { LoginAlert } from './LoginAlert';
import { NavIcon, type IconName } from './NavIcon';
import { ThemeToggle } from './ThemeToggle';

export interface NavItem {
  to: string;
  label: string;
  icon: IconName;
  exact?: boolean;
  /** Pages under this path belong to the tab too (an account opened from "My accounts"). */
  section?: string;
  /** Only in the tabs of a wider screen, not in a phone's tab bar (the page is linked from elsewhere). */
  wide?: boolean;
}

/** The signed-in shell: header bar, the main navigation (a tab bar at the bottom of a phone), the page. */
export function Layout({ nav, who, children }: { nav: NavItem[]; who: string; children: ReactNode }) {
  return (
    <>
      <a className={styles.skipLink} href="#main">
        Skip to content
      </a>
      <header className={styles.header}>
        <div className={styles.bar}>
          <span className={styles.brand}>
            <span className={styles.logo} aria-hidden="true">
              ₹
            </span>{' '}
            Khata Pay
          </span>
          <span className={styles.who}>{who}</span>
          <LiveIndicator />
          <ThemeToggle />
          <Button variant="ghost" small onClick={() => void logOut()}>
            Log out
          </Button>
        </div>
        {/* Tabs under the bar; on a phone a fixed tab bar at the bottom, within reach of the thumb. */}
        <nav aria-label="Main" className={styles.tabs}>
          <ul>
            {nav.map((item) => (
              <li key={item.to} className={item.wide ? styles.wideOnly : undefined}>
                <NavLink to={item.to} exact={item.exact} section={item.section}>
                  <NavIcon name={item.icon} />
                  <span>{item.label}</span>
                </NavLink>
              </li>
            ))}
          </ul>
        </nav>
      </header>
      <main id="main" className={styles.page}>
        <LoginAlert />
        {children}
      </main>
    </>
  );
}
