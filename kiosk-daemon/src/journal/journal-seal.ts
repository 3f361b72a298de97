/**
 * Sealing personal data at rest: AES-256-GCM from node:crypto, a fresh 12-byte IV per value, the
 * 16-byte tag checked on every open. The additional authenticated data binds a value to its
 * transaction and field, so a sealed value copied onto another row does not open either.
 */
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { ErrorCode, KioskError } from '@kiosk/domain';

const IV_BYTES = 12;
const TAG_BYTES = 16;
export const JOURNAL_KEY_BYTES = 32;

/** An AES-256 key and its id: the first 16 hex digits of its SHA-256, so the id gives nothing away. */
export interface JournalKey {
  readonly id: string;
  readonly secret: Buffer;
}

export function journalKeyFrom(secret: Buffer): JournalKey {
  if (secret.length !== JOURNAL_KEY_BYTES) {
    throw new KioskError(ErrorCode.JOURNAL_KEY_INVALID, `A journal key must be ${JOURNAL_KEY_BYTES} bytes.`, {
      bytes: secret.length,
    });
  }
  return { id: createHash('sha256').update(secret).digest('hex').slice(0, 16), secret };
}

export function newJournalKey(): JournalKey {
  return journalKeyFrom(randomBytes(JOURNAL_KEY_BYTES));
}

export interface SealedValue {
  readonly keyId: string;
  /** base64 of IV + tag + ciphertext */
  readonly sealed: string;
}

export function seal(key: JournalKey, plain: string, context: string): SealedValue {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key.secret, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(Buffer.from(context, 'utf8'));
  const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return { keyId: key.id, sealed: Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64') };
}

/** Opens a sealed value; a changed byte, a wrong key or a wrong context is JOURNAL_SEAL_BROKEN. */
export function open(key: JournalKey, value: SealedValue, context: string): string {
  if (value.keyId !== key.id) {
    throw new KioskError(
      ErrorCode.JOURNAL_KEY_MISSING,
      'A journal value is sealed under a key this kiosk does not hold.',
      {
        keyId: value.keyId,
      },
    );
  }
  const raw = Buffer.from(value.sealed, 'base64');
  if (raw.length < IV_BYTES + TAG_BYTES) {
    throw new KioskError(ErrorCode.JOURNAL_SEAL_BROKEN, 'A sealed journal value is truncated.', {});
  }
  const decipher = createDecipheriv('aes-256-gcm', key.secret, raw.subarray(0, IV_BYTES), {
    authTagLength: TAG_BYTES,
  });
  decipher.setAAD(Buffer.from(context, 'utf8'));
  decipher.setAuthTag(raw.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
  try {
    return Buffer.concat([decipher.update(raw.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString(
      'utf8',
    );
  } catch (e) {
    throw new KioskError(
      ErrorCode.JOURNAL_SEAL_BROKEN,
      'A sealed journal value failed its integrity check: it was changed or belongs elsewhere.',
      {},
      { cause: e },
    );
  }
}
