import { istDate, istPeriodStarts } from './ist';

describe('istDate', () => {
  it('is the calendar day in India, which turns over at 18:30 UTC', () => {
    expect(istDate(new Date('2026-11-26T18:29:59.999Z'))).toBe('2026-11-26');
    expect(istDate(new Date('2026-11-26T18:30:00Z'))).toBe('2026-11-27');
    expect(istDate(new Date('2026-11-27T03:00:00Z'))).toBe('2026-11-27');
  });
});

describe('istPeriodStarts', () => {
  it('are midnights in India: today, the Monday of this week, the 1st of this month', () => {
    // Sunday 29 November 2026, 23:30 IST = 18:00 UTC
    expect(istPeriodStarts(new Date('2026-11-29T18:00:00Z'))).toEqual({
      day: new Date('2026-11-28T18:30:00Z'),
      week: new Date('2026-11-22T18:30:00Z'),
      month: new Date('2026-10-31T18:30:00Z'),
    });
    // Monday 30 November 2026, 00:10 IST: a new day and a new week, the same month
    expect(istPeriodStarts(new Date('2026-11-29T18:40:00Z'))).toEqual({
      day: new Date('2026-11-29T18:30:00Z'),
      week: new Date('2026-11-29T18:30:00Z'),
      month: new Date('2026-10-31T18:30:00Z'),
    });
  });
});
