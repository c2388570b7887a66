import { istDate } from './ist';

describe('istDate', () => {
  it('is the calendar day in India, which turns over at 18:30 UTC', () => {
    expect(istDate(new Date('2026-11-26T18:29:59.999Z'))).toBe('2026-11-26');
    expect(istDate(new Date('2026-11-26T18:30:00Z'))).toBe('2026-11-27');
    expect(istDate(new Date('2026-11-27T03:00:00Z'))).toBe('2026-11-27');
  });
});
