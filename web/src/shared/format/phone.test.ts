import { describe, expect, it } from 'vitest';
import { formatPhone } from './phone';

describe('phone numbers grouped the Indian way', () => {
  it('groups an E.164 Indian mobile number as +91 XXXXX XXXXX', () => {
    expect(formatPhone('+919876500003')).toBe('+91 98765 00003');
    expect(formatPhone('+916000000001')).toBe('+91 60000 00001');
  });

  it('accepts the other usual spellings of the same number', () => {
    expect(formatPhone('9876543210')).toBe('+91 98765 43210');
    expect(formatPhone('09876543210')).toBe('+91 98765 43210');
    expect(formatPhone('+91 98765-43210')).toBe('+91 98765 43210');
    expect(formatPhone('+91 98765 43210')).toBe('+91 98765 43210');
  });

  it('leaves anything else as it came', () => {
    expect(formatPhone('+14155550123')).toBe('+14155550123');
    expect(formatPhone('+915876500003')).toBe('+915876500003'); // not a mobile number
    expect(formatPhone('12345')).toBe('12345');
    expect(formatPhone('')).toBe('');
  });
});
