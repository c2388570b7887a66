import { describe, expect, it } from 'vitest';
import { dueSinceInWords } from './due-since';

describe('due since', () => {
  const now = new Date('2026-11-30T20:00:00Z'); // 1 Dec, 1:30 am IST
  it('counts calendar days in IST, whatever the browser zone', () => {
    expect(dueSinceInWords('2026-11-30T19:00:00Z', now)).toBe('owing since today');
    expect(dueSinceInWords('2026-11-30T10:00:00Z', now)).toBe('owing since yesterday');
    expect(dueSinceInWords('2026-11-01T10:00:00Z', now)).toBe('owing since 1 Nov (30 days)');
    expect(dueSinceInWords('2025-12-01T10:00:00Z', now)).toBe('owing since 1 Dec 2025 (365 days)');
  });
});
