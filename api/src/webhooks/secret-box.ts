import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { SECRET_PREFIX } from './signing';

/** How an encrypted secret starts in the database; a stored value without it is a secret from before encryption. */
const SEALED = 'enc1:';
const IV_BYTES = 12;
const TAG_BYTES = 16;
/** Opened values kept at most (then forgotten together): more than the endpoints one process sends to at once. */
const OPENED_KEPT = 1024;

/**
 * Endpoint signing secrets at rest: the secret's 32 bytes under AES-256-GCM with the webhooks secrets key, a fresh IV
 * per value, the business's id as associated data (a sealed secret copied to another business does not open). A
 * copy of the database alone does not let anyone sign webhooks that an integrator would accept.
 */
export class SecretBox {
  /**
   * What `open` gave, by business and sealed value: the relay opens an endpoint's secret for every attempt, and a
   * sealed value never changes (a rotation seals a new one, with a fresh IV).
   */
  private readonly opened = new Map<string, string | null>();

  constructor(private readonly key: Buffer) {}

  seal(secret: string, businessId: string): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    cipher.setAAD(Buffer.from(businessId));
    const bytes = Buffer.from(secret.slice(SECRET_PREFIX.length), 'base64');
    const sealed = Buffer.concat([iv, cipher.update(bytes), cipher.final(), cipher.getAuthTag()]);
    return SEALED + sealed.toString('base64url');
  }

  /** The secret, or null when it cannot be opened (the key changed, or the value was tampered with). */
  open(stored: string, businessId: string): string | null {
    if (!stored.startsWith(SEALED)) return stored; // stored before encryption (sealed at start-up since)
    const key = `${businessId} ${stored}`;
    let secret = this.opened.get(key);
    if (secret === undefined) {
      secret = this.decrypt(stored, businessId);
      if (this.opened.size >= OPENED_KEPT) this.opened.clear();
      this.opened.set(key, secret);
    }
    return secret;
  }

  private decrypt(stored: string, businessId: string): string | null {
    const sealed = Buffer.from(stored.slice(SEALED.length), 'base64url');
    if (sealed.length < IV_BYTES + TAG_BYTES) return null;
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.key, sealed.subarray(0, IV_BYTES));
      decipher.setAAD(Buffer.from(businessId));
      decipher.setAuthTag(sealed.subarray(sealed.length - TAG_BYTES));
      const bytes = Buffer.concat([decipher.update(sealed.subarray(IV_BYTES, sealed.length - TAG_BYTES)), decipher.final()]);
      return SECRET_PREFIX + bytes.toString('base64');
    } catch {
      return null;
    }
  }

  isSealed(stored: string): boolean {
    return stored.startsWith(SEALED);
  }
}
