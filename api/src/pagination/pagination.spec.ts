import { decodeCursor, encodeCursor, isPossibleTimestamp } from './pagination';

describe('cursors', () => {
  it('take every moment PostgreSQL prints', () => {
    for (const at of [
      '2026-11-30 16:57:01.123456+00',
      '2024-02-29 00:00:00+05:30',
      '2000-02-29 23:59:59-15:59',
      '0001-01-01 00:00:00+00',
      '9999-12-31 23:59:59.999999+14',
      '2026-04-30T10:00:00Z',
    ]) {
      expect({ at, possible: isPossibleTimestamp(at) }).toEqual({ at, possible: true });
    }
  });

  it('refuse a well-formed timestamp that names no moment', () => {
    for (const at of [
      '2026-02-30 10:00:00+00',
      '2025-02-29 00:00:00+00',
      '1900-02-29 00:00:00+00',
      '2026-04-31 00:00:00+00',
      '0000-01-01 00:00:00+00',
      '2026-13-01 00:00:00+00',
      '2026-00-10 00:00:00+00',
      '2026-01-00 00:00:00+00',
      '2026-01-01 24:00:00+00',
      '2026-01-01 25:00:00+00',
      '2026-01-01 00:60:00+00',
      '2026-01-01 00:00:60+00',
      '2026-01-01 00:00:00+16',
      '2026-01-01 00:00:00+05:60',
    ]) {
      expect({ at, possible: isPossibleTimestamp(at) }).toEqual({ at, possible: false });
      const cursor = encodeCursor({ at, id: '3f1f6f0e-3c0e-4c1e-9a43-2a1d2f0b7c11' });
      expect(() => decodeCursor(cursor)).toThrow('cursor must be a nextCursor returned by this list');
    }
  });
});

describe('cursors of other sort keys', () => {
  const id = '00000000-0000-4000-8000-000000000000';
  it('are checked as what their list sorts by', () => {
    expect(decodeCursor(encodeCursor({ at: '-1250.50', id }), 'amount')).toEqual({ at: '-1250.50', id });
    expect(decodeCursor(encodeCursor({ at: '42', id }), 'count')).toEqual({ at: '42', id });
    expect(decodeCursor(encodeCursor({ at: 'infinity', id }), 'timestamp-or-infinity')).toEqual({ at: 'infinity', id });
    for (const [at, kind] of [
      ['1e5', 'amount'],
      ['12.5', 'amount'],
      ['-3', 'count'],
      ['9999999999', 'count'],
      ['infinity', 'timestamp'],
      ['2026-02-30 10:00:00+00', 'timestamp-or-infinity'],
    ] as const) {
      expect(() => decodeCursor(encodeCursor({ at, id }), kind)).toThrow('cursor must be a nextCursor returned by this list');
    }
  });
});
