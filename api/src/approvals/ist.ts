const IST_OFFSET_MS = (5 * 60 + 30) * 60 * 1000;

const DAY_MS = 24 * 60 * 60 * 1000;

/** The dates in India (YYYY-MM-DD) on which today, this week (from Monday) and this month began. */
export function istPeriods(now: Date): { day: string; week: string; month: string } {
  const local = new Date(now.getTime() + IST_OFFSET_MS); // the wall clock in India, read with the UTC getters
  const date = (ms: number) => new Date(ms).toISOString().slice(0, 10);
  const midnight = Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate());
  const daysSinceMonday = (local.getUTCDay() + 6) % 7;
  return {
    day: date(midnight),
    week: date(midnight - daysSinceMonday * DAY_MS),
    month: date(Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), 1)),
  };
}
