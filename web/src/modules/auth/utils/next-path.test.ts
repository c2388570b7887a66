import { describe, expect, it } from 'vitest';
import { loginFor, safeNextPath } from './next-path';

const ORIGIN = 'https://khata.example';

describe('the page to go to after logging in', () => {
  it.each([
    ['/customers/4f1c2d3e-0000-4000-8000-000000000000', '/customers/4f1c2d3e-0000-4000-8000-000000000000'],
    ['/history?status=rejected', '/history?status=rejected'],
    ['/', '/'],
  ])('follows a path of this site: %s', (next, expected) => {
    expect(safeNextPath(next, ORIGIN)).toBe(expected);
  });

  it.each([
    ['https://evil.example/'],
    ['//evil.example/path'],
    ['/\\evil.example'],
    ['javascript:alert(1)'],
    ['customers'],
    ['/login'],
    ['/register?next=/x'],
    ['/\tevil'],
    [''],
    [null],
  ])('never anything else: %s', (next) => {
    expect(safeNextPath(next, ORIGIN)).toBeNull();
  });

  it('the login page keeps the page asked for', () => {
    expect(loginFor('/history?status=pending', ORIGIN)).toBe('/login?next=%2Fhistory%3Fstatus%3Dpending');
    expect(loginFor('/', ORIGIN)).toBe('/login');
  });
});
