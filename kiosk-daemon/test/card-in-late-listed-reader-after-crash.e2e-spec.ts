/**
 * A card left inside the card reader by a crash (SIGKILL at PIN entry, as in
 * `card-in-reader-after-crash`), the reader on the real PC/SC stack (pcscd, vpcd's virtual card),
 * and pcscd listing that reader only after the restart (a USB reader enumerating late, or pcscd
 * started after the daemon): the kiosk boots with the reader not connected (it no longer waits for
 * it, `devices.cardReader.startWaitMs`), and the card is handled as with the reader there. Boot
 * recovery captures it under the cut-short transaction (`recovery.card.retract`), counts it, opens
 * no session or stray-card hand-back for it; when pcscd lists the reader the kiosk goes into
 * service, the captured card is given to nobody, and the next resident's own card is the one read.
 * A card boot cannot capture (the capture bin full) is accounted for and left for staff, and once
 * the reader is listed the journeys that take a card into it stay held back (CARD_LEFT_IN_READER):
 * the card is not handed back at the slot nor read as a new one. The same with the daemon killed in
 * the session's second journey (the records after the balance that read the card, closed at the
 * switch, ADR 0028): the card is the session's, accounted for under the records with the number the
 * balance read (boot reads it across the session's transactions).
 * With CI=true a missing pcscd, vpcd or pcsclite binding fails the run instead of skipping it.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { PcscdProcess } from '@kiosk/device-drivers';
import { DEMO_RESIDENTS, type KioskView, maskCardNumber, ServiceReason } from '@kiosk/domain';
import { startDaemon, type DaemonProcess } from './daemon-process.js';
import { describeWithPcscd } from './daemon-on-pcscd.js';
import { PCSCD_LOCK_TIMEOUT_MS, readerState, type ReaderAbsence } from './daemon-on-pcscd-without-reader.js';
import { daemonStart } from './kill-harness-world.js';
import { killedAtPinEntry, killedInNextJourney } from './killed-at-pin-entry.js';
import { UiClient } from './ui-client.js';

const zhang = DEMO_RESIDENTS.find((r) => r.key === 'zhang')!;
const li = DEMO_RESIDENTS.find((r) => r.key === 'li')!;

/** The daemon on pcscd's vpcd reader, the context's retries made short. */
const onPcscd = (pcscd: PcscdProcess) => [
  ...['--set', 'demo.panel=true'],
  ...['--set', 'devices.cardReader.driver=pcsc'],
  ...['--set', `devices.cardReader.vpcdPort=${pcscd.basePort}`],
  ...['--set', 'devices.reopen.firstIntervalMs=200'],
  ...['--set', 'devices.reopen.maxIntervalMs=1000'],
];

function journalIn<T>(dir: string, read: (db: Database.Database) => T): T {
  const db = new Database(join(dir, 'journal.sqlite'), { readonly: true });
  try {
    return read(db);
  } finally {
    db.close();
  }
}

const readerFileIn = (dir: string) =>
  JSON.parse(readFileSync(join(dir, 'card-reader.json'), 'utf8')) as {
    position: string;
    cardId: string | null;
    captured: string[];
    captureBinCount: number;
  };

describeWithPcscd('a card left in a PC/SC reader that pcscd lists only after the restart', () => {
  let dir: string | undefined;
  let pcscd: PcscdProcess | undefined;
  let second: DaemonProcess | undefined;
  let ui: UiClient | undefined;
  afterEach(async () => {
    ui?.close();
    // the restarted daemon's exit code; none when the case failed before it started
    const code = second ? await second.stop() : 0;
    await pcscd?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
    [ui, second, pcscd, dir] = [undefined, undefined, undefined, undefined];
    expect(code).toBe(0);
  }, 30_000);

  it.each<[string, ReaderAbsence]>([
    ['the reader not listed yet', 'noReader'],
    ['pcscd not running yet', 'pcscdDown'],
  ])(
    'card in a reader listed late after a crash (%s): captured at boot under its transaction, no new session; the reader listed later serves the next resident',
    async (_what, absence) => {
      const own = (dir = mkdtempSync(join(tmpdir(), 'kiosk-late-reader-crash-')));
      const rig = (pcscd = await PcscdProcess.start({ lockTimeoutMs: PCSCD_LOCK_TIMEOUT_MS }));
      const args = onPcscd(rig);
      await killedAtPinEntry(args, own);
      expect(readerFileIn(own)).toMatchObject({
        position: 'inReader',
        cardId: zhang.key,
        captureBinCount: 0,
      });
      const [cut, ...more] = journalIn(
        own,
        (db) =>
          db.prepare(`SELECT id FROM journal_transaction WHERE status = 'open'`).all() as { id: string }[],
      );
      expect(more).toEqual([]);

      // the restart comes before pcscd lists the reader
      if (absence === 'pcscdDown') await rig.kill();
      else await rig.restart({ readers: false });
      second = await startDaemon(args, daemonStart(own));
      const ui2 = (ui = new UiClient(second.url));
      await ui2.connected();
      const booted = await ui2.waitForKiosk((k) => k.mode !== 'booting' && k.mode !== 'selfTest', 20_000);
      expect(readerState(booted)).not.toBe('online');

      // boot recovery did with the card what it does with the reader there: captured and counted
      const demo = await ui2.waitForDemo(() => true);
      expect(demo.cards.find((c) => c.cardId === zhang.key)?.location).toBe('captured');
      expect(readerFileIn(own)).toMatchObject({
        position: 'none',
        cardId: null,
        captured: [zhang.key],
        captureBinCount: 1,
      });
      const recovered = () =>
        journalIn(own, (db) => ({
          tx: db
            .prepare(`SELECT status, outcome, errorCode FROM journal_transaction WHERE id = ?`)
            .get(cut!.id),
          steps: (
            db
              .prepare(`SELECT step, phase FROM journal_step WHERE transactionId = ? ORDER BY seq`)
              .all(cut!.id) as { step: string; phase: string }[]
          ).map((s) => `${s.step}:${s.phase}`),
          others: db.prepare(`SELECT journey FROM journal_transaction WHERE id != ?`).all(cut!.id),
        }));
      const afterBoot = recovered();
      expect(afterBoot.tx).toEqual({
        status: 'closed',
        outcome: 'interrupted',
        errorCode: 'SESSION_INTERRUPTED',
      });
      expect(afterBoot.steps).toEqual([
        'card.read:event',
        'recovery.found:event',
        'recovery.card.retract:intent',
        'recovery.card.retract:done',
      ]);
      // no session, no stray-card or boot hand-back of that card
      expect(afterBoot.others).toEqual([]);

      // pcscd lists the reader: taken into service; the captured card still given to nobody
      await rig.restart();
      await ui2.waitForKiosk(
        (k) => readerState(k) === 'online' && k.mode === 'inService' && k.journeysOffered.includes('balance'),
        20_000,
      );
      expect(recovered()).toEqual(afterBoot);
      expect(readerFileIn(own)).toMatchObject({ position: 'none', captured: [zhang.key] });

      // the next resident's own card is the one read, through the reader listed late
      await ui2.emit('session.start', { journey: 'balance' });
      await ui2.waitForSession((v) => v?.step === 'insertCard');
      expect((await ui2.emit('demo.card', { action: 'insert', cardId: zhang.key })).ok).toBe(false);
      await ui2.emit('demo.card', { action: 'insert', cardId: li.key });
      const view = await ui2.waitForSession((v) => v?.step === 'enterPin', 20_000);
      expect(JSON.stringify(view)).toContain(maskCardNumber(li.cardNumber));
      expect(JSON.stringify(view)).not.toContain(maskCardNumber(zhang.cardNumber));
    },
    PCSCD_LOCK_TIMEOUT_MS + 120_000,
  );

  it.each([
    ['at the PIN entry of a balance', killedAtPinEntry, ['balance']],
    [
      'in the records after a balance (the session’s second journey)',
      killedInNextJourney,
      ['balance', 'records'],
    ],
  ])(
    'card in a reader listed late after a crash %s, not captured at boot (capture bin full): left for staff under the journey cut, with the number its session read, still held back once the reader is listed, never handed back',
    async (_where, killed, journeysRun) => {
      const own = (dir = mkdtempSync(join(tmpdir(), 'kiosk-late-reader-crash-full-')));
      const rig = (pcscd = await PcscdProcess.start({ lockTimeoutMs: PCSCD_LOCK_TIMEOUT_MS }));
      const args = onPcscd(rig);
      await killed(args, own);
      const journeys = () =>
        journalIn(own, (db) => db.prepare(`SELECT journey FROM journal_transaction ORDER BY serial`).all());
      // the steps of the journey cut (the newest), with their details
      const cut = journeysRun.at(-1);
      const cutSteps = () =>
        journalIn(own, (db) =>
          (
            db
              .prepare(
                `SELECT s.step, s.phase, s.detail FROM journal_step s JOIN journal_transaction t ON t.id = s.transactionId
                 WHERE t.journey = ? ORDER BY s.seq`,
              )
              .all(cut) as { step: string; phase: string; detail: string | null }[]
          ).map((r) => ({
            step: `${r.step}:${r.phase}`,
            detail: r.detail && (JSON.parse(r.detail) as unknown),
          })),
        );
      const beforeBoot = cutSteps();
      // the card read in the journey cut only when it is the session's first
      const readInCut = beforeBoot.some((s) => s.step === 'card.read:event');
      expect(readInCut).toBe(journeysRun.length === 1);
      // the capture bin filled up meanwhile (50 cards, its capacity), nobody emptied it
      writeFileSync(
        join(own, 'card-reader.json'),
        JSON.stringify({ ...readerFileIn(own), captureBinCount: 50 }),
      );
      await rig.restart({ readers: false });
      second = await startDaemon(args, daemonStart(own));
      const ui2 = (ui = new UiClient(second.url));
      await ui2.connected();
      await ui2.waitForKiosk((k) => k.mode !== 'booting' && k.mode !== 'selfTest', 20_000);
      // accounted for and left in the reader, as with the reader there, under the journey cut
      const afterBoot = cutSteps();
      expect(afterBoot.slice(0, beforeBoot.length)).toEqual(beforeBoot);
      expect(afterBoot.slice(beforeBoot.length).map((s) => s.step)).toEqual([
        'recovery.found:event',
        'recovery.card.retract:intent',
        'recovery.card.retract:failed',
        'card.unaccounted:event',
      ]);
      // the card's number as its session read it, in whichever of its journeys
      expect(afterBoot.at(-1)!.detail).toMatchObject({ card: maskCardNumber(zhang.cardNumber) });
      expect(readerFileIn(own)).toMatchObject({ position: 'inReader', cardId: zhang.key });

      // pcscd lists the reader: online, and the card's journeys still held back for staff
      const seen = ui2.traffic.length;
      await rig.restart();
      const held = await ui2.waitForKiosk(
        (k) => readerState(k) === 'online' && k.reason === ServiceReason.CARD_LEFT_IN_READER,
        20_000,
      );
      expect(held.mode).toBe('degraded');
      const viewsSince = ui2.traffic
        .slice(seen)
        .filter((t) => t.startsWith('kiosk.view '))
        .map((t) => JSON.parse(t.slice('kiosk.view '.length)) as KioskView);
      expect(viewsSince.filter((v) => v.journeysOffered.includes('balance'))).toEqual([]);
      await expect(ui2.emit('session.start', { journey: 'balance' })).resolves.toMatchObject({
        ok: false,
        error: { code: 'JOURNEY_NOT_OFFERED' },
      });
      // not handed back at the slot to whoever stands there, no other transaction for it
      expect(readerFileIn(own)).toMatchObject({ position: 'inReader', cardId: zhang.key });
      expect(cutSteps()).toEqual(afterBoot);
      expect(journeys()).toEqual(journeysRun.map((journey) => ({ journey })));
    },
    PCSCD_LOCK_TIMEOUT_MS + 120_000,
  );
});
