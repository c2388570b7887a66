import { logout } from '@khata/client';
import { useState, type ReactNode } from 'react';
import { queryClient, session } from './api';
import { describeFailedAttempts, dismissLoginAlert, loginAlert } from './device';
import { useLiveStatus } from './events';
import { navigate, NavLink } from './router';
import { setTheme, useTheme } from './theme';

/** Line icons (24 × 24, drawn with the text colour) for the tab bar a phone shows at the bottom. */
const ICONS = {
  home: ['M3 10.5 12 3l9 7.5V20a1 1 0 0 1-1 1h-5v-6H9v6H4a1 1 0 0 1-1-1z'],
  clock: ['M21 12a9 9 0 1 1-18 0 9 9 0 0 1 18 0z', 'M12 7v5l3 2'],
  people: [
    'M16 21v-2a4 4 0 0 0-4-4H6a4 4 0 0 0-4 4v2',
    'M13 7a4 4 0 1 1-8 0 4 4 0 0 1 8 0z',
    'M22 21v-2a4 4 0 0 0-3-3.87',
    'M16 3.13a4 4 0 0 1 0 7.75',
  ],
  list: ['M8 6h13', 'M8 12h13', 'M8 18h13', 'M3 6h.01', 'M3 12h.01', 'M3 18h.01'],
  book: ['M2 4h6a4 4 0 0 1 4 4v13a3 3 0 0 0-3-3H2z', 'M22 4h-6a4 4 0 0 0-4 4v13a3 3 0 0 1 3-3h7z'],
  plus: ['M21 12a9 9 0 1 1-18 0 9 9 0 0 1 18 0z', 'M12 8v8', 'M8 12h8'],
} as const;

export interface NavItem {
  to: string;
  label: string;
  icon: keyof typeof ICONS;
  exact?: boolean;
  /** Pages under this path belong to the tab too (an account opened from "My accounts"). */
  section?: string;
}

function NavIcon({ name }: { name: NavItem['icon'] }) {
  return (
    <span className="nav-icon" aria-hidden="true">
      <svg
        viewBox="0 0 24 24"
        width="22"
        height="22"
        fill="none"
        stroke="currentColor"
        strokeWidth="2"
        strokeLinecap="round"
        strokeLinejoin="round"
      >
        {ICONS[name].map((d) => (
          <path key={d} d={d} />
        ))}
      </svg>
    </span>
  );
}

export async function logOut() {
  const current = session.get();
  dismissLoginAlert();
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

/** Failed attempts to log in that the API reported at this login: shown until the user dismisses them. */
function LoginAlert() {
  const [alert, setAlert] = useState(loginAlert);
  if (!alert) return null;
  return (
    <div className="banner login-alert" role="alert">
      <p>
        <strong>{describeFailedAttempts(alert)}.</strong> If that was not you, someone tried to guess your password; they did not get in.
      </p>
      <button
        type="button"
        className="button secondary small"
        onClick={() => {
          dismissLoginAlert();
          setAlert(null);
        }}
      >
        Got it
      </button>
    </div>
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
        {/* Tabs under the bar; on a phone a fixed tab bar at the bottom, within reach of the thumb. */}
        <nav aria-label="Main" className="tabs">
          <ul>
            {nav.map((item) => (
              <li key={item.to}>
                <NavLink to={item.to} exact={item.exact} section={item.section}>
                  <NavIcon name={item.icon} />
                  <span className="nav-label">{item.label}</span>
                </NavLink>
              </li>
            ))}
          </ul>
        </nav>
      </header>
      <main id="main" className="page">
        <LoginAlert />
        {children}
      </main>
    </>
  );
}
