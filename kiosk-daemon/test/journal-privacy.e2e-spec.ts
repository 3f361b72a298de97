/**
 * Privacy at rest: after a run, the journal's SQLite files (main file, WAL and shared memory) are
 * searched byte by byte for a full card number, a full ID number, a resident's name and a PIN.
 * None may be there, although the journal holds the card number, ID number and name sealed.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { KioskConfig } from '@kiosk/config';
import { DEMO_RESIDENTS, ErrorCode, KioskError } from '@kiosk/domain';
import Database from 'better-sqlite3';
import { DataSource } from 'typeorm';
import { sqliteJournalOptions } from '../src/journal/journal.data-source.js';
import { JournalService } from '../src/journal/journal.service.js';
import { startDaemon } from './daemon-process.js';
import { secretsShownIn } from './secrets-shown.js';
import { UiClient } from './ui-client.js';

const zhang = DEMO_RESIDENTS.find((r) => r.key === 'zhang')!;

/** Every file SQLite keeps for `path`, as bytes. */
function journalFiles(path: string): Buffer[] {
  return [path, `${path}-wal`, `${path}-shm`].filter((f) => existsSync(f)).map((f) => readFileSync(f));
}

/**
 * The secrets found in `files`, searched as UTF-8 and as UTF-16 text (both byte alignments), a
 * digits-only secret (a PIN) as a number of its own (`secretsShownIn`): the journal's pages carry
 * millisecond times as text, and a 6-digit PIN inside a 13-digit time is a false alarm.
 */
function secretsIn(files: readonly Buffer[], secrets: readonly string[]): string[] {
  const texts = files.flatMap((bytes) => [
    bytes.toString('latin1'),
    bytes.toString('utf8'),
    bytes.toString('utf16le'),
    bytes.subarray(1).toString('utf16le'),
  ]);
  return secrets.filter((secret) => texts.some((text) => secretsShownIn(text, [secret]).length > 0));
}

describe('personal data at rest in the journal', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'kiosk-journal-privacy-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps a full card number, ID number and name only sealed, and refuses a PIN', async () => {
    const path = join(dir, 'service', 'journal.sqlite');
    const config = {
      profile: 'test',
      kiosk: { id: 'JZ-0001' },
      journal: { driver: 'sqlite', path, retentionDays: 30, keyFile: join(dir, 'service', 'journal.key') },
    } as KioskConfig;
    const db = new DataSource(sqliteJournalOptions(path));
    await db.initialize();
    const journal = new JournalService(db, config);
    await journal.onModuleInit();

    const tx = await journal.openTransaction('s1', 'issueCard');
    await journal.sealPersonalData(tx, 'cardNumber', zhang.cardNumber);
    await journal.sealPersonalData(tx, 'idNumber', zhang.idNumber);
    await journal.sealPersonalData(tx, 'residentName', zhang.name);
    await journal.setMaskedCardNumber(tx, 'H41******101');
    await journal.recordStep(tx, 'host.refused', 'event', {
      note: `resident ${zhang.idNumber} refused once`,
    });
    let refused: unknown;
    try {
      await journal.recordStep(tx, 'pin.verify', 'event', { pin: zhang.cardPin });
    } catch (e) {
      refused = e;
    }
    expect(refused).toBeInstanceOf(KioskError);
    expect((refused as KioskError).code).toBe(ErrorCode.JOURNAL_BAD_RECORD);
    await journal.closeTransaction(tx, 'completed', null);

    // the journal does hold them, opened with its key ...
    expect(await journal.personalDataOf(tx)).toEqual({
      cardNumber: zhang.cardNumber,
      idNumber: zhang.idNumber,
      residentName: zhang.name,
    });
    const files = journalFiles(path);
    await db.destroy();
    const afterClose = journalFiles(path);
    // ... but none of them is in its files, neither while open (WAL) nor after the checkpoint
    expect(files.length).toBeGreaterThan(1);
    const secrets = [zhang.cardNumber, zhang.idNumber, zhang.name, zhang.cardPin];
    expect(secretsIn(files, secrets)).toEqual([]);
    expect(secretsIn(afterClose, secrets)).toEqual([]);
    // and the search itself finds what is there: the masked number
    expect(secretsIn(afterClose, ['H41******101'])).toEqual(['H41******101']);
    // a PIN written anywhere is found, in either text form, but not inside a longer number
    const pinAt = (text: string, encoding: BufferEncoding) =>
      Buffer.concat([Buffer.from([0]), Buffer.from(text, encoding)]);
    expect(secretsIn([pinAt(`{"pin":"${zhang.cardPin}"}`, 'utf16le')], [zhang.cardPin])).toEqual([
      zhang.cardPin,
    ]);
    expect(secretsIn([pinAt(`pin ${zhang.cardPin}`, 'utf8')], [zhang.cardPin])).toEqual([zhang.cardPin]);
    expect(secretsIn([pinAt(`"at":17644${zhang.cardPin}01`, 'utf8')], [zhang.cardPin])).toEqual([]);
  });

  it('a balance journey of the real daemon leaves no card number, ID number, name or PIN in the journal or the logs', async () => {
    const daemon = await startDaemon(['--set', 'demo.panel=true'], { dir: join(dir, 'daemon') });
    const ui = new UiClient(daemon.url);
    try {
      await ui.connected();
      await ui.waitForKiosk((k) => k.journeysOffered.includes('balance'));
      await ui.emit('session.start', { journey: 'balance' });
      await ui.waitForSession((v) => v?.step === 'insertCard');
      await ui.emit('demo.card', { action: 'insert', cardId: zhang.key });
      await ui.waitForSession((v) => v?.step === 'enterPin');
      for (const key of zhang.cardPin) await ui.emit('demo.pinpad', { key });
      await ui.waitForSession((v) => v?.pin?.entered === zhang.cardPin.length);
      await ui.emit('demo.pinpad', { key: 'enter' });
      await ui.waitForSession((v) => v?.step === 'showBalance');
      await ui.emit('session.command', { command: 'finish' });
      await ui.waitForSession((v) => v?.step === 'takeCard');
      await ui.emitAndWaitForSession('demo.card', { action: 'take' }, (v) => v?.step === 'ended');
    } finally {
      ui.close();
      expect(await daemon.stop()).toBe(0);
    }
    const secrets = [zhang.cardNumber, zhang.idNumber, zhang.name, zhang.cardPin];
    const files = journalFiles(daemon.journalPath);
    expect(files.length).toBeGreaterThan(0);
    expect(secretsIn(files, secrets)).toEqual([]);
    expect(secretsIn(files, ['H41******101'])).toEqual(['H41******101']);
    expect(secretsIn([Buffer.from(daemon.output.join('\n'))], secrets)).toEqual([]);
  }, 60_000);

  it('a full withdrawal and a balance query leave neither the PIN, the full ID number nor the name in the journal files, the logs or the socket.io traffic', async () => {
    const li = DEMO_RESIDENTS.find((r) => r.key === 'li')!;
    // the ended screen is not read: it stays 1 s (the profile's 5 s) before the balance query
    const daemon = await startDaemon(
      ['--set', 'demo.panel=true', '--set', 'log.level=debug', '--set', 'timeouts.endedViewMs=1000'],
      { dir: join(dir, 'withdrawal') },
    );
    const ui = new UiClient(daemon.url);
    let files: Buffer[];
    try {
      await ui.connected();
      await ui.waitForKiosk((k) => k.journeysOffered.includes('withdraw'));
      await ui.startWithCardAndPin('withdraw', li.key, li.cardPin);
      await ui.waitForSession((v) => v?.step === 'placeIdCard');
      await ui.emit('demo.idCard', { action: 'place', idCardId: li.key });
      await ui.waitForSession((v) => v?.step === 'chooseAmount' && v.details?.kind === 'withdraw');
      await ui.emit('session.amount', { amountFen: 20_000 });
      await ui.waitForDemo((d) => d.cash?.atSlot === true);
      await ui.emit('demo.cash', { action: 'take' });
      await ui.waitForSession((v) => v?.step === 'cashWithdrawn' || v?.step === 'chooseJourney');
      if (ui.session?.step === 'cashWithdrawn') {
        await ui.emit('session.command', { command: 'finish' });
        await ui.waitForSession((v) => v?.step === 'chooseJourney');
      }
      await ui.emit('session.command', { command: 'finish' });
      await ui.waitForSession((v) => v?.step === 'takeCard');
      await ui.emitAndWaitForSession('demo.card', { action: 'take' }, (v) => v?.step === 'ended');
      await ui.emit('demo.idCard', { action: 'remove' });
      // the next journey starts once the kiosk is home again
      await ui.waitForSession((v) => v === null, 20_000);
      await ui.startWithCardAndPin('balance', li.key, li.cardPin);
      await ui.waitForSession((v) => v?.step === 'showBalance');
      await ui.emit('session.command', { command: 'finish' });
      await ui.waitForSession((v) => v?.step === 'takeCard');
      await ui.emitAndWaitForSession('demo.card', { action: 'take' }, (v) => v?.step === 'ended');
      // while the daemon runs: the WAL holds the latest writes
      files = journalFiles(daemon.journalPath);
    } finally {
      ui.close();
      expect(await daemon.stop()).toBe(0);
    }
    const secrets = [li.cardPin, li.idNumber, li.name];
    files.push(...journalFiles(daemon.journalPath));
    expect(files.length).toBeGreaterThan(1);
    expect(secretsIn(files, secrets)).toEqual([]);
    expect(secretsIn([Buffer.from(daemon.output.join('\n'))], secrets)).toEqual([]);
    expect(secretsIn([Buffer.from(ui.traffic.join('\n'))], secrets)).toEqual([]);

    // the searches can find: the journal has the masked ID number, the logs and traffic are there
    const masked = `${li.idNumber.slice(0, 4)}**********${li.idNumber.slice(-4)}`;
    expect(secretsIn(files, [masked])).toEqual([masked]);
    expect(daemon.output.length).toBeGreaterThan(5);
    expect(ui.traffic.some((t) => t.startsWith('session.view'))).toBe(true);
    // and the ID number and card number are kept, sealed, for the withdrawal
    const db = new Database(daemon.journalPath, { readonly: true });
    const sealed = db
      .prepare(
        `SELECT p.field FROM journal_personal_data p JOIN journal_transaction t ON t.id = p.transactionId
         WHERE t.journey = 'withdraw' ORDER BY p.field`,
      )
      .all()
      .map((r) => (r as { field: string }).field);
    db.close();
    expect(sealed).toEqual(['cardNumber', 'idNumber', 'residentName']);
  }, 90_000);
});
