import { useSyncExternalStore } from 'react';

/** Light or dark: the system's choice until the user picks one with the toggle (then remembered). */
export type Theme = 'light' | 'dark';
const KEY = 'khata-pay.theme';
const listeners = new Set<() => void>();
const media = window.matchMedia('(prefers-color-scheme: dark)');

function chosen(): Theme | null {
  const value = localStorage.getItem(KEY);
  return value === 'light' || value === 'dark' ? value : null;
}

export function currentTheme(): Theme {
  return chosen() ?? (media.matches ? 'dark' : 'light');
}

export function applyTheme() {
  const theme = chosen();
  if (theme) document.documentElement.dataset.theme = theme;
  else delete document.documentElement.dataset.theme;
  document.querySelector('meta[name="theme-color"]')?.setAttribute('content', currentTheme() === 'dark' ? '#17121f' : '#5f259f');
}

export function setTheme(theme: Theme) {
  localStorage.setItem(KEY, theme);
  applyTheme();
  listeners.forEach((l) => l());
}

export function useTheme(): Theme {
  return useSyncExternalStore((listener) => {
    listeners.add(listener);
    media.addEventListener('change', listener);
    return () => {
      listeners.delete(listener);
      media.removeEventListener('change', listener);
    };
  }, currentTheme);
}
