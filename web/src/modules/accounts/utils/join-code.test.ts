import { AccountDtoSchema, BusinessDtoSchema } from '@khata/client';
import { describe, expect, it } from 'vitest';
import { codeLength, INVITE_CODE_PATTERN, isCompleteJoinCode, JOIN_CODE_PATTERN, joinCodeHint, normaliseJoinCode } from './join-code';

describe('the join code grammar', () => {
  it('is the contract’s', () => {
    expect(JOIN_CODE_PATTERN.source).toBe(new RegExp(BusinessDtoSchema.properties.joinCode.pattern).source);
    expect(INVITE_CODE_PATTERN.source).toBe(new RegExp(AccountDtoSchema.properties.inviteCode.pattern).source);
  });

  it.each([
    ['K7M3Q9TX', true], // a business's join code
    ['R8WQ4M2KTP', true], // an account's invite code
    ['k7m3-q9tx', true], // as typed: case, dashes and spaces do not matter
    [' R8WQ 4M2K TP ', true],
    ['K7M3Q9T', false], // 7
    ['K7M3Q9TXR', false], // 9
    ['R8WQ4M2KTPA', false], // 11
    ['K7M3Q9T0', false], // 0 looks like O
    ['K7M3Q9TO', false], // and O like 0
    ['K7M3Q9T1', false],
    ['K7M3Q9TI', false],
    ['K7M3Q9TL', false], // L looks like 1 and I: not in the alphabet
    ['K7M3.Q9TX', false], // only spaces and dashes are dropped, as the API drops them
  ])('%s is a whole code: %s', (typed, complete) => {
    expect(isCompleteJoinCode(typed)).toBe(complete);
  });

  it('normalises what was typed the way the API does', () => {
    expect(normaliseJoinCode(' k7m3-q9tx ')).toBe('K7M3Q9TX');
  });
});

describe('the hint under the code box', () => {
  it('gives the lengths of both kinds of code from the contract', () => {
    expect(codeLength(JOIN_CODE_PATTERN)).toBe(8);
    expect(codeLength(INVITE_CODE_PATTERN)).toBe(10);
    expect(joinCodeHint()).toBe("A shop's code has 8 letters and digits; the code a shop made for your account has 10.");
  });
});
