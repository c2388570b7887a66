import { describe, expect, it } from 'vitest';
import { formatWhen } from './time';

describe('times in IST whatever the zone of the device', () => {
  const now = new Date('2026-11-27T10:00:00Z'); // 3:30 pm IST

  it('says today and yesterday by the Indian calendar', () => {
    expect(formatWhen('2026-11-27T10:12:00Z', now)).toBe('Today, 3:42 pm');
    expect(formatWhen('2026-11-26T19:00:00Z', now)).toBe('Today, 12:30 am'); // still the 26th in UTC
    expect(formatWhen('2026-11-26T18:00:00Z', now)).toBe('Yesterday, 11:30 pm');
  });

  it('gives the date for older instants', () => {
    expect(formatWhen('2026-11-12T13:00:00Z', now)).toBe('12 Nov, 6:30 pm');
    expect(formatWhen('2025-03-01T03:35:00Z', now)).toBe('1 Mar 2025, 9:05 am');
  });
});
