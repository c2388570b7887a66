/**
 * Where to go after logging in: the page a deep link asked for, kept as `?next=` on the login page. Only a path of
 * this site is followed (no "//evil.example", no "https://…", no "/\evil"): a link cannot send someone elsewhere.
 */
export function safeNextPath(next: string | null | undefined, origin: string = window.location.origin): string | null {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return null;
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f\\]/.test(next)) return null;
  let url: URL;
  try {
    url = new URL(next, origin);
  } catch {
    return null;
  }
  if (url.origin !== origin) return null;
  if (url.pathname === '/login' || url.pathname === '/register') return null;
  return url.pathname + url.search + url.hash;
}

/** The login page for someone who opened `path` (with its query) before logging in. */
export function loginFor(pathWithQuery: string, origin: string = window.location.origin): string {
  return pathWithQuery === '/' || !safeNextPath(pathWithQuery, origin) ? '/login' : `/login?next=${encodeURIComponent(pathWithQuery)}`;
}

/** The `next` of the page open now, if it is safe. */
export function currentNextPath(): string | null {
  return safeNextPath(new URLSearchParams(window.location.search).get('next'));
}
