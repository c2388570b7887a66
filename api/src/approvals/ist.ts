const IST_OFFSET_MS = (5 * 60 + 30) * 60 * 1000;

/** The date in India (YYYY-MM-DD) at `now`: UTC+05:30, no daylight saving. */
export function istDate(now: Date): string {
  return new Date(now.getTime() + IST_OFFSET_MS).toISOString().slice(0, 10);
}
