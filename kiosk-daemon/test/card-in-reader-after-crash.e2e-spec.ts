/**
 * The real daemon killed (SIGKILL, as a power cut) while a resident's card is inside the emulated
 * reader, between its read and its eject, then started again on the same folder (ADR 0016, boot
 * recovery). The emulated reader kept the card's place in memory only, so the restarted kiosk met
 * an empty reader: the card was gone, recovery journaled it nowhere, and the capture bin's count
 * started again from the journal. Now the reader's state file beside the journal keeps it: boot
 * finds the card inside, captures it into the capture bin under the cut-short transaction
 * (`recovery.card.retract`), counts it, and only then serves the next resident, whose own card is
 * the one read. A state file that does not read stops boot, naming it. A card the reader cannot
 * capture at that boot (its capture bin full) is accounted for and kept in the reader for staff, the
 * journeys that take a card into the reader held back, the cut-short transaction recovered all the
 * same (docs/adr/0016).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { DEMO_RESIDENTS, maskCardNumber } from '@kiosk/domain';
import { eventually } from '@kiosk/domain/testing';
import { runDaemonToExit, startDaemon } from './daemon-process.js';
import { daemonStart } from './kill-harness-world.js';

import { DEMO_ENGINEER, maintenanceCall, staffLogIn } from './maintenance-client.js';
import { UiClient } from './ui-client.js';
import { killedAtPinEntry } from './killed-at-pin-entry.js';

const zhang = DEMO_RESIDENTS.find((r) => r.key === 'zhang')!;
const li = DEMO_RESIDENTS.find((r) => r.key === 'li')!;
const ARGS = ['--set', 'demo.panel=true'];

interface ReaderState {
  position: string;
  cardId: string | null;
  captured: string[];
  captureBinCount: number;
}

const readerStateIn = (dir: string) =>
  JSON.parse(readFileSync(join(dir, 'card-reader.json'), 'utf8')) as ReaderState;

function journalIn<T>(dir: string, read: (db: Database.Database) => T): T {
  const db = new Database(join(dir, 'journal.sqlite'), { readonly: true });
  try {
    return read(db);
  } finally {
    db.close();
  }
}

describe('daemon killed with a card inside the emulated reader', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'kiosk-card-crash-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const readerState = () => readerStateIn(dir);
  const journal = <T>(read: (db: Database.Database) => T): T => journalIn(dir, read);

  it('a card in the emulated reader is still there after a daemon restart: boot captures it, journals and counts it, then serves the next resident', async () => {
    await killedAtPinEntry(ARGS, dir);
    expect(readerState()).toMatchObject({ position: 'inReader', cardId: zhang.key, captureBinCount: 0 });
    const [cut] = journal(
      (db) =>
        db.prepare(`SELECT id FROM journal_transaction WHERE status = 'open'`).all() as { id: string }[],
    );
    expect(cut).toBeDefined();

    const second = await startDaemon(ARGS, daemonStart(dir));
    const ui2 = new UiClient(second.url);
    try {
      await ui2.connected();
      // boot recovered before the kiosk went in service: the card in the capture bin, counted
      const demo = await ui2.waitForDemo(() => true);
      expect(demo.cards.find((c) => c.cardId === zhang.key)?.location).toBe('captured');
      expect(readerState()).toMatchObject({ position: 'none', cardId: null, captured: [zhang.key] });
      expect(readerState().captureBinCount).toBe(1);
      const { tx, steps, counted } = journal((db) => ({
        tx: db
          .prepare(`SELECT status, outcome, errorCode FROM journal_transaction WHERE id = ?`)
          .get(cut!.id),
        steps: (
          db
            .prepare(`SELECT step, phase, detail FROM journal_step WHERE transactionId = ? ORDER BY seq`)
            .all(cut!.id) as { step: string; phase: string; detail: string | null }[]
        ).map((s) => ({ at: `${s.step}:${s.phase}`, detail: JSON.parse(s.detail ?? 'null') as unknown })),
        counted: (
          db
            .prepare(
              `SELECT counters FROM device_counters WHERE kind = 'cardReader' ORDER BY id DESC LIMIT 1`,
            )
            .get() as { counters: string } | undefined
        )?.counters,
      }));
      expect(tx).toEqual({ status: 'closed', outcome: 'interrupted', errorCode: 'SESSION_INTERRUPTED' });
      expect(steps.map((s) => s.at)).toEqual([
        'card.read:event',
        'recovery.found:event',
        'recovery.card.retract:intent',
        'recovery.card.retract:done',
      ]);
      expect(steps[1]?.detail).toMatchObject({ cardPosition: 'inReader' });
      expect(counted && (JSON.parse(counted) as { captureBin?: number }).captureBin).toBe(1);
      // no stray-card or boot hand-back of the same card on top of the capture
      const others = journal(
        (db) =>
          db
            .prepare(`SELECT journey FROM journal_transaction WHERE id != ? AND journey != 'balance'`)
            .all(cut!.id) as { journey: string }[],
      );
      expect(others).toEqual([]);

      // the captured card is not given to anyone; the next resident's own card is the one read
      await ui2.waitForKiosk((k) => k.mode === 'inService' && k.journeysOffered.includes('balance'));
      await ui2.emit('session.start', { journey: 'balance' });
      await ui2.waitForSession((v) => v?.step === 'insertCard');
      const refused = await ui2.emit('demo.card', { action: 'insert', cardId: zhang.key });
      expect(refused.ok).toBe(false);
      await ui2.emit('demo.card', { action: 'insert', cardId: li.key });
      const view = await ui2.waitForSession((v) => v?.step === 'enterPin');
      expect(JSON.stringify(view)).toContain(maskCardNumber(li.cardNumber));
      expect(JSON.stringify(view)).not.toContain(maskCardNumber(zhang.cardNumber));
    } finally {
      ui2.close();
      expect(await second.stop()).toBe(0);
    }
  }, 90_000);

  it('card not captured at boot (capture bin full): accounted for and kept in the reader, the card journeys held back; the visit hands it to staff', async () => {
    const own = mkdtempSync(join(tmpdir(), 'kiosk-card-crash-full-'));
    try {
      await killedAtPinEntry(ARGS, own);
      // the capture bin filled up meanwhile (50 cards, its capacity), nobody emptied it
      writeFileSync(
        join(own, 'card-reader.json'),
        JSON.stringify({ ...readerStateIn(own), captureBinCount: 50 }),
      );
      const balance = () =>
        journalIn(own, (db) => {
          const tx = db
            .prepare(`SELECT id, status, outcome FROM journal_transaction WHERE journey = 'balance'`)
            .get() as { id: string; status: string; outcome: string | null };
          const steps = db
            .prepare(`SELECT step, phase, detail FROM journal_step WHERE transactionId = ? ORDER BY seq`)
            .all(tx.id) as { step: string; phase: string; detail: string | null }[];
          return { tx, steps };
        });

      const second = await startDaemon(ARGS, daemonStart(own));
      const ui2 = new UiClient(second.url);
      try {
        await ui2.connected();
        // recovered and placed: the card is accounted for, nothing takes a card into the occupied reader
        const kiosk = await ui2.waitForKiosk((k) => k.mode !== 'booting' && k.mode !== 'selfTest', 20_000);
        expect(kiosk).toMatchObject({ mode: 'degraded', reason: 'CARD_LEFT_IN_READER' });
        // a new card and a loss report take no card into the reader: still offered
        expect(kiosk.journeysOffered).toEqual(['issueCard', 'reportLoss']);
        expect(kiosk.devices.find((d) => d.kind === 'cardReader')?.supplies).toEqual([
          { name: 'captureBin', level: 'full' },
        ]);
        expect(readerStateIn(own)).toMatchObject({ position: 'inReader', cardId: zhang.key });
        const { tx, steps } = balance();
        expect(tx).toMatchObject({ status: 'closed', outcome: 'interrupted' });
        expect(steps.map((r) => `${r.step}:${r.phase}`)).toEqual([
          'card.read:event',
          'recovery.found:event',
          'recovery.card.retract:intent',
          'recovery.card.retract:failed',
          'card.unaccounted:event',
        ]);
        expect(JSON.parse(steps[4]!.detail!)).toEqual({
          after: 'retract',
          readerSays: 'inReader',
          code: 'DEVICE_BIN_FULL',
          card: maskCardNumber(zhang.cardNumber),
          forStaff: true,
        });
        expect(JSON.stringify(steps)).not.toContain(zhang.cardNumber);
        // not handed back at the slot to whoever stands there
        expect(journalIn(own, (db) => db.prepare(`SELECT journey FROM journal_transaction`).all())).toEqual([
          { journey: 'balance' },
        ]);
        await expect(ui2.emit('session.start', { journey: 'balance' })).resolves.toMatchObject({
          ok: false,
          error: { code: 'JOURNEY_NOT_OFFERED' },
        });

        // field staff empty the bin and end the visit: its self test hands them the card at the slot
        const login = await staffLogIn(second.url, ui2, DEMO_ENGINEER);
        const token = (login.body as { token: string }).token;
        const emptied = await maintenanceCall(second.url, 'POST', '/maintenance/empty-bin', {
          token,
          body: { device: 'cardReader', supply: 'captureBin', counted: 50 },
        });
        expect(emptied).toMatchObject({ status: 200, body: { after: 0 } });
        await maintenanceCall(second.url, 'POST', '/maintenance/logout', { token });
        await ui2.waitForDemo(
          (d) => d.cards.find((c) => c.cardId === zhang.key)?.location === 'atSlot',
          20_000,
        );
        await ui2.emit('demo.card', { action: 'take' });
        await ui2.waitForKiosk(
          (k) => k.mode === 'inService' && k.journeysOffered.includes('balance'),
          20_000,
        );
        // nothing was offered while that self test ran
        const inSelfTest = ui2.traffic
          .filter((t) => t.startsWith('kiosk.view '))
          .map(
            (t) => JSON.parse(t.slice('kiosk.view '.length)) as { mode: string; journeysOffered: string[] },
          )
          .filter((v) => v.mode === 'selfTest');
        expect(inSelfTest.length).toBeGreaterThan(0);
        expect(inSelfTest.filter((v) => v.journeysOffered.length > 0)).toEqual([]);
        expect(readerStateIn(own)).toMatchObject({ position: 'none', cardId: null, captureBinCount: 0 });
        // the balance as recovery left it; the hand-back journaled in a transaction of its own
        expect(balance().steps).toHaveLength(5);
        // the take clears the kiosk's reason at once; the wait's transaction is closed just after it
        // (its step, then its close): waited for, not raced
        const handBack = await eventually(
          async () =>
            journalIn(own, (db) =>
              db
                .prepare(
                  `SELECT journey, status, outcome FROM journal_transaction WHERE journey NOT IN ('balance', 'maintenance')`,
                )
                .all(),
            ) as { status: string }[],
          'the hand-back transaction is closed',
          { withinMs: 10_000, until: (rows) => rows.every((r) => r.status === 'closed') },
        );
        expect(handBack).toEqual([{ journey: 'recovery', status: 'closed', outcome: 'completed' }]);
      } finally {
        ui2.close();
        expect(await second.stop()).toBe(0);
      }
    } finally {
      rmSync(own, { recursive: true, force: true });
    }
  }, 90_000);

  it.each([
    ['torn', '{"format":1,"position":"inRea'],
    [
      'naming a card that is no virtual card',
      '{"format":1,"position":"inReader","cardId":"nobody","captured":[],"captureBinCount":0}\n',
    ],
  ])(
    'a corrupt card reader state file (%s) stops boot with its name',
    async (_what, text) => {
      const file = join(dir, 'card-reader.json');
      writeFileSync(file, text);
      const { code, stderr } = await runDaemonToExit([
        '--profile',
        'test',
        ...['--set', 'gateway.port=0', '--set', 'host.embeddedPort=0'],
        ...['--set', `journal.path=${join(dir, 'journal.sqlite')}`],
      ]);
      expect(code).toBe(1);
      expect(stderr).toContain('DEVICE_HARDWARE_ERROR');
      expect(stderr).toContain('card-reader.json');
      // left as it was for staff, never reset
      expect(readFileSync(file, 'utf8')).toBe(text);
    },
    30_000,
  );
});
