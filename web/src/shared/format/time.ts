/**
 * Times are instants in UTC from the API, shown in India Standard Time whatever the browser's zone, because
 * the shop and its customers live by IST: "Today, 3:42 pm", "Yesterday, 9:05 am", "12 Nov, 6:30 pm".
 */
const ZONE = 'Asia/Kolkata';

const clock = new Intl.DateTimeFormat('en-IN', { timeZone: ZONE, hour: 'numeric', minute: '2-digit', hour12: true });
const dayKey = new Intl.DateTimeFormat('en-CA', { timeZone: ZONE, year: 'numeric', month: '2-digit', day: '2-digit' });
const dayMonth = new Intl.DateTimeFormat('en-IN', { timeZone: ZONE, day: 'numeric', month: 'short' });
const dayMonthYear = new Intl.DateTimeFormat('en-IN', { timeZone: ZONE, day: 'numeric', month: 'short', year: 'numeric' });

const DAY_MS = 24 * 60 * 60 * 1000;

/** "3:42 pm" (lower case, as Indian English writes it). */
export function formatClock(at: Date): string {
  return clock
    .format(at)
    .replace(/\s*(AM|PM)$/i, (m) => m.toLowerCase())
    .replace(/\u202f/g, ' ');
}

export function formatWhen(iso: string, now: Date = new Date()): string {
  const at = new Date(iso);
  const day = dayKey.format(at);
  let label: string;
  if (day === dayKey.format(now)) label = 'Today';
  else if (day === dayKey.format(new Date(now.getTime() - DAY_MS))) label = 'Yesterday';
  else if (day.slice(0, 4) === dayKey.format(now).slice(0, 4)) label = dayMonth.format(at);
  else label = dayMonthYear.format(at);
  return `${label}, ${formatClock(at)}`;
}
