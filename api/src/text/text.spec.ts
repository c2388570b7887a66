import { characterCount, isText } from './text';

describe('text', () => {
  it('counts characters as PostgreSQL does: code points, whatever JavaScript says', () => {
    expect(characterCount('Asha')).toBe(4);
    expect(characterCount('💸💸')).toBe(2); // 4 UTF-16 units
    expect(characterCount('क्ष')).toBe(3); // one letter to a reader, three code points
    expect(characterCount('a\uFE0Fb\uFE0F')).toBe(4); // validator.js counts 2
  });

  it('takes text within its bounds that PostgreSQL can store', () => {
    expect(isText('x'.repeat(100), 1, 100)).toBe(true);
    expect(isText('💸'.repeat(100), 1, 100)).toBe(true);
    expect(isText('x'.repeat(101), 1, 100)).toBe(false);
    expect(isText('a\uFE0F'.repeat(50) + 'a', 1, 100)).toBe(false);
    expect(isText('', 1, 100)).toBe(false);
    expect(isText('', 0, 100)).toBe(true);
    expect(isText('a\u0000b', 0, 100)).toBe(false);
    expect(isText(42, 0, 100)).toBe(false);
  });
});
