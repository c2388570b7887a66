import { searchPattern } from './search';

describe('searchPattern', () => {
  it.each([
    ['98765 43210', '%9876543210%'],
    ['+91 98765 43210', '%9876543210%'],
    ['098765-43210', '%9876543210%'],
    ['98765', '%98765%'],
    ['4123 4567 8901', '%412345678901%'],
    ['Asha', '%Asha%'],
    ['50%_off\\', '%50\\%\\_off\\\\%'],
  ])('%p -> %p', (q, pattern) => {
    expect(searchPattern(q)).toBe(pattern);
  });
});
