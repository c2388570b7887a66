import { istPeriods } from './ist';

describe('istPeriods', () => {
  it('are dates in India: today, the Monday of this week, the 1st of this month', () => {
    // the day turns over at 18:30 UTC
    expect(istPeriods(new Date('2026-11-26T18:29:59.999Z')).day).toBe('2026-11-26');
    expect(istPeriods(new Date('2026-11-26T18:30:00Z')).day).toBe('2026-11-27');
    // Sunday 29 November 2026, 23:30 IST = 18:00 UTC
    expect(istPeriods(new Date('2026-11-29T18:00:00Z'))).toEqual({ day: '2026-11-29', week: '2026-11-23', month: '2026-11-01' });
    // Monday 30 November 2026, 00:10 IST: a new day and a new week, the same month
    expect(istPeriods(new Date('2026-11-29T18:40:00Z'))).toEqual({ day: '2026-11-30', week: '2026-11-30', month: '2026-11-01' });
    // Tuesday 1 December 2026, 00:00 IST: a new month within the week that began in November
    expect(istPeriods(new Date('2026-11-30T18:30:00Z'))).toEqual({ day: '2026-12-01', week: '2026-11-30', month: '2026-12-01' });
    // New Year in India while it is still 31 December in UTC
    expect(istPeriods(new Date('2026-12-31T19:00:00Z'))).toEqual({ day: '2027-01-01', week: '2026-12-28', month: '2027-01-01' });
  });
});
