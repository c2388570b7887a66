import { randomBytes, randomUUID } from 'node:crypto';
import { SecretBox } from './secret-box';
import { newSecret } from './signing';

describe('SecretBox', () => {
  const box = new SecretBox(randomBytes(32));
  const business = randomUUID();

  it('seals a secret so that the stored value does not show it, and opens it again', () => {
    const secret = newSecret();
    const sealed = box.seal(secret, business);
    expect(sealed).toMatch(/^enc1:[A-Za-z0-9_-]+$/);
    expect(sealed.length).toBeLessThanOrEqual(100); // the column's length
    expect(sealed).not.toContain(secret.slice(6, 20));
    expect(box.open(sealed, business)).toBe(secret);
    expect(box.seal(secret, business)).not.toBe(sealed); // a fresh IV each time
  });

  it('does not open with another key, for another business, or once tampered with', () => {
    const sealed = box.seal(newSecret(), business);
    expect(new SecretBox(randomBytes(32)).open(sealed, business)).toBeNull();
    expect(box.open(sealed, randomUUID())).toBeNull();
    const bytes = Buffer.from(sealed.slice(5), 'base64url');
    bytes[20] ^= 1;
    expect(box.open(`enc1:${bytes.toString('base64url')}`, business)).toBeNull();
    expect(box.open('enc1:AAAA', business)).toBeNull();
  });

  it('opens each sealed value once per business, and still refuses it for another business', () => {
    const secret = newSecret();
    const sealed = box.seal(secret, business);
    const other = randomUUID();
    for (let i = 0; i < 3; i++) {
      expect(box.open(sealed, business)).toBe(secret);
      expect(box.open(sealed, other)).toBeNull();
    }
    for (let i = 0; i < 1100; i++) box.open(box.seal(newSecret(), business), business); // past what is kept
    expect(box.open(sealed, business)).toBe(secret);
    expect(box.open(sealed, other)).toBeNull();
  });

  it('reads a secret stored in clear by an earlier version as it is', () => {
    const secret = newSecret();
    expect(box.isSealed(secret)).toBe(false);
    expect(box.open(secret, business)).toBe(secret);
  });
});
