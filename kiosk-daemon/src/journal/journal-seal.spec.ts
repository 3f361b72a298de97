import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ErrorCode } from '@kiosk/domain';
import { codeThrownBy } from '@kiosk/domain/testing';
import type { KioskConfig } from '@kiosk/config';
import { loadJournalKey, readJournalKeyFile } from './journal-key-file.js';
import { newJournalKey, open, seal } from './journal-seal.js';

const CARD = '6214830012345678';

describe('sealing personal data (AES-256-GCM)', () => {
  it('opens what it sealed, and the sealed text does not contain the value', () => {
    const key = newJournalKey();
    const sealed = seal(key, CARD, 'journal:JZ-0001-000001:cardNumber');
    expect(sealed.keyId).toBe(key.id);
    expect(Buffer.from(sealed.sealed, 'base64').toString('latin1')).not.toContain(CARD);
    expect(open(key, sealed, 'journal:JZ-0001-000001:cardNumber')).toBe(CARD);
  });

  it('seals the same value differently each time (a fresh IV)', () => {
    const key = newJournalKey();
    expect(seal(key, CARD, 'c').sealed).not.toBe(seal(key, CARD, 'c').sealed);
  });

  it('tampered ciphertext: the GCM tag check refuses it', () => {
    const key = newJournalKey();
    const sealed = seal(key, CARD, 'c');
    const raw = Buffer.from(sealed.sealed, 'base64');
    raw[raw.length - 1]! ^= 0x01;
    expect(codeThrownBy(() => open(key, { ...sealed, sealed: raw.toString('base64') }, 'c'))).toBe(
      ErrorCode.JOURNAL_SEAL_BROKEN,
    );
  });

  it('tampered tag or truncated value: refused', () => {
    const key = newJournalKey();
    const sealed = seal(key, CARD, 'c');
    const raw = Buffer.from(sealed.sealed, 'base64');
    raw[12]! ^= 0x80;
    expect(codeThrownBy(() => open(key, { ...sealed, sealed: raw.toString('base64') }, 'c'))).toBe(
      ErrorCode.JOURNAL_SEAL_BROKEN,
    );
    expect(codeThrownBy(() => open(key, { ...sealed, sealed: 'AAAA' }, 'c'))).toBe(
      ErrorCode.JOURNAL_SEAL_BROKEN,
    );
  });

  it('value moved to another row: the bound context refuses it', () => {
    const key = newJournalKey();
    const sealed = seal(key, CARD, 'journal:JZ-0001-000001:cardNumber');
    expect(codeThrownBy(() => open(key, sealed, 'journal:JZ-0001-000002:cardNumber'))).toBe(
      ErrorCode.JOURNAL_SEAL_BROKEN,
    );
  });

  it('value under a key this kiosk does not hold: refused with the key missing', () => {
    const sealed = seal(newJournalKey(), CARD, 'c');
    expect(codeThrownBy(() => open(newJournalKey(), sealed, 'c'))).toBe(ErrorCode.JOURNAL_KEY_MISSING);
  });
});

describe('the journal key file', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'kiosk-journal-key-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const config = (profile: KioskConfig['profile'], journal: Partial<KioskConfig['journal']>) =>
    ({ profile, journal: { driver: 'sqlite', retentionDays: 30, ...journal } }) as KioskConfig;

  it('is created beside the demo journal on first start, owner-only, and read back the same', () => {
    const first = loadJournalKey(config('demo', { path: join(dir, 'demo', 'journal.sqlite') }));
    const file = join(dir, 'demo', 'journal.key');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(loadJournalKey(config('demo', { path: join(dir, 'demo', 'journal.sqlite') })).id).toBe(first.id);
  });

  it('missing key file in production: boot is refused', () => {
    const keyFile = join(dir, 'journal.key');
    expect(
      codeThrownBy(() => loadJournalKey(config('production', { path: join(dir, 'j.sqlite'), keyFile }))),
    ).toBe(ErrorCode.JOURNAL_KEY_MISSING);
  });

  it('key file of the wrong size or not base64: refused as invalid', () => {
    const short = join(dir, 'short.key');
    writeFileSync(short, `${Buffer.alloc(16).toString('base64')}\n`);
    expect(codeThrownBy(() => readJournalKeyFile(short))).toBe(ErrorCode.JOURNAL_KEY_INVALID);
    const text = join(dir, 'text.key');
    writeFileSync(text, 'correct horse battery staple correct horse battery\n');
    expect(codeThrownBy(() => readJournalKeyFile(text))).toBe(ErrorCode.JOURNAL_KEY_INVALID);
  });

  it('names the key file in config and reads it as written', () => {
    const keyFile = join(dir, 'named.key');
    const key = loadJournalKey(config('test', { path: ':memory:', keyFile }));
    expect(readFileSync(keyFile, 'utf8').trim()).toBe(key.secret.toString('base64'));
    expect(readJournalKeyFile(keyFile).id).toBe(key.id);
  });
});
