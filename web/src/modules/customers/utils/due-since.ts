/** Since when an account has owed, in IST calendar days: "owing since 12 Nov (40 days)", "owing since today". */
const ZONE = 'Asia/Kolkata';
const dayKey = new Intl.DateTimeFormat('en-CA', { timeZone: ZONE, year: 'numeric', month: '2-digit', day: '2-digit' });
const dayMonth = new Intl.DateTimeFormat('en-IN', { timeZone: ZONE, day: 'numeric', month: 'short' });
const dayMonthYear = new Intl.DateTimeFormat('en-IN', { timeZone: ZONE, day: 'numeric', month: 'short', year: 'numeric' });

function istDay(at: Date): number {
  const [y, m, d] = dayKey.format(at).split('-').map(Number);
  return Date.UTC(y, m - 1, d) / 86_400_000;
}

export function dueSinceInWords(iso: string, now: Date = new Date()): string {
  const at = new Date(iso);
  const days = istDay(now) - istDay(at);
  if (days <= 0) return 'owing since today';
  if (days === 1) return 'owing since yesterday';
  const date = dayKey.format(at).slice(0, 4) === dayKey.format(now).slice(0, 4) ? dayMonth.format(at) : dayMonthYear.format(at);
  return `owing since ${date} (${days} days)`;
}
