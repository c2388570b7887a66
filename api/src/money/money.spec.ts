import { isPositiveAmount, isSignedAmount, toPaise } from './money';

describe('money', () => {
  it.each(['0.01', '1', '250', '250.5', '250.50', '99999999.99', '007'])('accepts %p as a positive amount', (value) => {
    expect(isPositiveAmount(value)).toBe(true);
  });

  it.each([
    ['0'],
    ['0.00'],
    ['-1'],
    ['1.001'],
    ['NaN'],
    ['1e3'],
    [' 1'],
    ['1 '],
    ['+1'],
    ['1.'],
    ['.5'],
    ['100000000'],
    ['Infinity'],
    ['१२'],
    [''],
    [1.5],
    [100],
    [null],
    [undefined],
    [{}],
  ])('refuses %p as a positive amount', (value) => {
    expect(isPositiveAmount(value)).toBe(false);
  });

  it('accepts zero and negative opening balances, refuses malformed ones', () => {
    expect(isSignedAmount('0')).toBe(true);
    expect(isSignedAmount('-200.5')).toBe(true);
    expect(isSignedAmount('--1')).toBe(false);
    expect(isSignedAmount('-')).toBe(false);
    expect(isSignedAmount(-1)).toBe(false);
  });

  it('converts to paise exactly', () => {
    expect(toPaise('0.1')).toBe(10n);
    expect(toPaise('250.5')).toBe(25050n);
    expect(toPaise('-3')).toBe(-300n);
    expect(toPaise('99999999.99')).toBe(9999999999n);
    expect(toPaise('0.1') + toPaise('0.2')).toBe(toPaise('0.30'));
  });
});
