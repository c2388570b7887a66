import { describe, expect, it } from 'vitest';
import { balanceInWords, formatRupees, fromPaise, isValidAmount, readAmount, signOf, toPaise, toTwoDecimals } from './money';

describe('money as decimal strings', () => {
  it('groups rupees the Indian way and keeps paise exact', () => {
    expect(formatRupees('1250.50')).toBe('₹1,250.50');
    expect(formatRupees('100000')).toBe('₹1,00,000.00');
    expect(formatRupees('12345678.9')).toBe('₹1,23,45,678.90');
    expect(formatRupees('0.07')).toBe('₹0.07');
    expect(formatRupees('-200.00')).toBe('-₹200.00');
    expect(formatRupees('-0.00')).toBe('₹0.00');
  });

  it('never goes through a float: amounts beyond 2^53 paise stay exact', () => {
    expect(formatRupees('90071992547409.99')).toBe('₹9,00,71,99,25,47,409.99');
    expect(formatRupees('0.10')).toBe('₹0.10');
  });

  it('reads the sign from the string', () => {
    expect(signOf('0.00')).toBe(0);
    expect(signOf('-0.01')).toBe(-1);
    expect(signOf('5')).toBe(1);
  });

  it('accepts what the API accepts for a payment', () => {
    for (const ok of ['250', '250.5', '250.50', '0.01', '99999999.99']) expect(isValidAmount(ok)).toBe(true);
    for (const bad of ['0', '0.00', '-5', '1e3', '250.505', '', 'abc', '1,000', '100000000']) expect(isValidAmount(bad)).toBe(false);
  });

  it('writes two decimals for a UPI intent', () => {
    expect(toTwoDecimals('250')).toBe('250.00');
    expect(toTwoDecimals('250.5')).toBe('250.50');
    expect(toTwoDecimals('007.10')).toBe('7.10');
  });

  it('says a balance in words', () => {
    expect(balanceInWords('1250.00', 'you')).toBe('You owe ₹1,250.00');
    expect(balanceInWords('-200.00', 'you')).toBe('Advance ₹200.00');
    expect(balanceInWords('0.00', 'you')).toBe('All settled');
    expect(balanceInWords('640.00', 'they')).toBe('Owes ₹640.00');
  });
});

describe('amounts as people type them', () => {
  const read = (typed: string) => {
    const result = readAmount(typed);
    return result.ok ? result.amount : `! ${result.reason}`;
  };

  it('takes Indian and international grouping and gives the API the plain string', () => {
    expect(read('1,25,000')).toBe('125000');
    expect(read('1,000')).toBe('1000');
    expect(read('125,000')).toBe('125000');
    expect(read('12,34,56,789')).toMatch(/more than ₹9,99,99,999.99/); // well grouped, but nine digits of rupees
    expect(read('1,23,45,678.5')).toBe('12345678.5');
    expect(read(' ₹ 1,250.50 ')).toBe('1250.50');
    expect(read('0250')).toBe('250');
    expect(read('99999999.99')).toBe('99999999.99');
  });

  it('refuses what it would have to guess, and says why', () => {
    expect(read('1,2,3')).toMatch(/commas are in the wrong place/);
    expect(read('12,50')).toMatch(/commas are in the wrong place/);
    expect(read('1,0000')).toMatch(/commas are in the wrong place/);
    expect(read('250.505')).toMatch(/At most two decimals/);
    expect(read('0')).toMatch(/more than zero/);
    expect(read('0.00')).toMatch(/more than zero/);
    expect(read('-200')).toMatch(/more than zero/);
    expect(read('')).toMatch(/Enter an amount/);
    expect(read('1e3')).toMatch(/digits only/);
    expect(read('250.')).toMatch(/paise after the point/);
    expect(read('100000000')).toMatch(/more than ₹9,99,99,999.99/);
  });

  it('does sums in whole paise, exactly', () => {
    expect(toPaise('1250.5')).toBe(125050n);
    expect(toPaise('-2')).toBe(-200n);
    expect(fromPaise(toPaise('125350.50') - toPaise('100000'))).toBe('25350.50');
    expect(fromPaise(-5n)).toBe('-0.05');
    expect(fromPaise(0n)).toBe('0.00');
  });
});
