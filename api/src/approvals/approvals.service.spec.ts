import { istDate, startOfIstDay } from './approvals.service';

describe('startOfIstDay', () => {
  it('is 18:30 UTC of the previous day for an instant in the Indian morning', () => {
    expect(startOfIstDay(new Date('2026-11-27T03:00:00Z')).toISOString()).toBe('2026-11-26T18:30:00.000Z');
  });

  it('turns over at 18:30 UTC, which is midnight in India', () => {
    expect(startOfIstDay(new Date('2026-11-27T18:29:59.999Z')).toISOString()).toBe('2026-11-26T18:30:00.000Z');
    expect(startOfIstDay(new Date('2026-11-27T18:30:00Z')).toISOString()).toBe('2026-11-27T18:30:00.000Z');
  });
});

describe('istDate', () => {
  it('is the calendar day in India', () => {
    expect(istDate(new Date('2026-11-26T18:29:59.999Z'))).toBe('2026-11-26');
    expect(istDate(new Date('2026-11-26T18:30:00Z'))).toBe('2026-11-27');
    expect(istDate(new Date('2026-11-27T03:00:00Z'))).toBe('2026-11-27');
  });
});
