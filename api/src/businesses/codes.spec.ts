import { CODE_ALPHABET, INVITE_CODE_PATTERN, JOIN_CODE_PATTERN, newInviteCode, newJoinCode, normalizeCode } from './codes';

describe('join and invite codes', () => {
  const join = new RegExp(JOIN_CODE_PATTERN);
  const invite = new RegExp(INVITE_CODE_PATTERN);

  it('the pattern takes exactly the alphabet: no 0/O, no 1/I/L', () => {
    for (const char of '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ') {
      expect({ char, taken: join.test(char.repeat(8)) }).toEqual({ char, taken: CODE_ALPHABET.includes(char) });
    }
    expect(CODE_ALPHABET).not.toMatch(/[01OIL]/);
  });

  it('every code made is one the pattern takes', () => {
    for (let i = 0; i < 500; i++) {
      expect(newJoinCode()).toMatch(join);
      expect(newInviteCode()).toMatch(invite);
    }
  });

  it('what a person types drops spaces and dashes and case, nothing else', () => {
    expect(normalizeCode(' k7m3-q9tx ')).toBe('K7M3Q9TX');
    expect(normalizeCode('K7M3.Q9TX')).toBe('K7M3.Q9TX');
  });
});
