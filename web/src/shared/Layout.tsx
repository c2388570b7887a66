import { logout } from '@khata/client';
import type { ReactNode } from 'react';
import { queryClient, session } from './api';
import { useLiveStatus } from './events';
import { navigate, NavLink } from './router';
import { setTheme, useTheme } from './theme';

export interface NavItem {
  to: string;
  label: string;
  exact?: boolean;
}

export async function logOut() {
  const current = session.get();
  session.clear('logged-out');
  queryClient.clear();
  navigate('/login', { replace: true });
  if (current) {
    try {
      await logout({ body: { refreshToken: current.refreshToken } });
    } catch {
      // the tokens are gone from this device either way; the refresh token expires on its own
    }
  }
}

function ThemeToggle() {
  const theme = useTheme();
  const next = theme === 'dark' ? 'light' : 'dark';
  return (
    <button
      type="button"
      className="icon-button"
      onClick={() => setTheme(next)}
      aria-label={`Switch to ${next} theme`}
      title={`Switch to ${next} theme`}
    >
      <span aria-hidden="true">{theme === 'dark' ? '☀' : '☾'}</span>
    </button>
  );
}

function LiveIndicator() {
  const status = useLiveStatus();
  const text = status === 'live' ? 'Live' : status === 'offline' ? 'Reconnecting' : 'Connecting';
  return (
    <span
      className={`live live-${status}`}
      title={status === 'live' ? 'Updates arrive as they happen' : 'Updates are delayed; reconnecting'}
    >
      <span className="dot" aria-hidden="true" /> {text}
    </span>
  );
}

export function Layout({ nav, who, children }: { nav: NavItem[]; who: string; children: ReactNode }) {
  return (
    <>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="app-header">
        <div className="bar">
          <span className="brand">
            <span className="logo" aria-hidden="true">
              ₹
            </span>{' '}
            Khata Pay
          </span>
          <span className="who">{who}</span>
          <LiveIndicator />
          <ThemeToggle />
          <button type="button" className="button ghost small" onClick={() => void logOut()}>
            Log out
          </button>
        </div>
        <nav aria-label="Main">
          <ul>
            {nav.map((item) => (
              <li key={item.to}>
                <NavLink to={item.to} exact={item.exact}>
                  {item.label}
                </NavLink>
              </li>
            ))}
          </ul>
        </nav>
      </header>
      <main id="main" className="page">
        {children}
      </main>
    </>
  );
}
