const IST_OFFSET_MS = (5 * 60 + 30) * 60 * 1000;

/** The date in India (YYYY-MM-DD) at `now`: UTC+05:30, no daylight saving. */
export function istDate(now: Date): string {
  return new Date(now.getTime() + IST_OFFSET_MS).toISOString().slice(0, 10);
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** The instants at which today, this week (from Monday) and this month began in India. */
export function istPeriodStarts(now: Date): { day: Date; week: Date; month: Date } {
  const local = new Date(now.getTime() + IST_OFFSET_MS); // the wall clock in India, read with the UTC getters
  const midnight = Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate());
  const daysSinceMonday = (local.getUTCDay() + 6) % 7;
  const toInstant = (wallClock: number) => new Date(wallClock - IST_OFFSET_MS);
  return {
    day: toInstant(midnight),
    week: toInstant(midnight - daysSinceMonday * DAY_MS),
    month: toInstant(Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), 1)),
  };
}
