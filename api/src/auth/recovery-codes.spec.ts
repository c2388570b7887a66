import { newRecoveryCodes, normalizeRecoveryCode, RECOVERY_CODE_PATTERN, recoveryCodeHash } from './recovery-codes';

describe('recovery codes', () => {
  it('are 8 distinct codes of the documented pattern', () => {
    const codes = newRecoveryCodes();
    expect(codes).toHaveLength(8);
    expect(new Set(codes).size).toBe(8);
    for (const code of codes) expect(code).toMatch(new RegExp(RECOVERY_CODE_PATTERN));
  });

  it('read however a person types them', () => {
    expect(normalizeRecoveryCode('7f3a-k2qm-9xhd')).toBe('7F3AK2QM9XHD');
    expect(normalizeRecoveryCode(' 7F3A K2QM 9XHD ')).toBe('7F3AK2QM9XHD');
    expect(normalizeRecoveryCode('OOOO-IIII-LLLL')).toBe('000011111111');
    expect(normalizeRecoveryCode('7F3A-K2QM-9XH')).toBeNull();
    expect(normalizeRecoveryCode('7F3A-K2QM-9XHU')).toBeNull();
  });

  it('hash the same for every spelling, and differently per user', () => {
    expect(recoveryCodeHash('u1', '7f3a k2qm 9xhd')).toBe(recoveryCodeHash('u1', '7F3A-K2QM-9XHD'));
    expect(recoveryCodeHash('u2', '7F3A-K2QM-9XHD')).not.toBe(recoveryCodeHash('u1', '7F3A-K2QM-9XHD'));
  });
});
