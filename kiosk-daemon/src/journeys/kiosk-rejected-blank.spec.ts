/**
 * The fault: on a card printer that does not count its reject bin, a blank the kiosk itself put
 * there (the journey's `card.reject`, boot recovery's `recovery.card.reject`) never raised the
 * journal's count of the bin; only staff's verdicts did. The card blanks' reconciliation (spoiled =
 * the bin's rises) then showed a shortfall for every card the kiosk spoiled. Now the reject's intent
 * carries the count it makes and the counters set it once it is done; a restart between the step
 * and its count is caught up by boot recovery from the journaled step. A printer that counts its
 * bin keeps its own count, never doubled by the journal's.
 *
 * Card making as the daemon provides it on a real terminal (Evolis emulator, its chip station on
 * a scripted pcscd, the real journal in SQLite): the chip station's reader lost at the chip step
 * spoils the blank, as in the chip-station spec. The restart is the kill harness's point
 * (`journal.crashAt`, ADR 0007), its SIGKILL taken in this process as the kiosk's power cut: the
 * journal left as it is and a new one opened on the same database, whose recovery runs.
 */
import { jest } from '@jest/globals';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { KioskConfig } from '@kiosk/config';
import { ErrorCode } from '@kiosk/domain';
import { JournalService } from '../journal/journal.service.js';
import { MaintenanceSupplyLog } from '../journal/maintenance-supply-log.service.js';
import { reconcileCardBlanks } from '../maintenance/card-blanks-reconciliation.js';
import { recoverIssuance } from './issuance-recovery.js';
import {
  ENCODER,
  realTerminalIssuance,
  type RealTerminalOptions,
} from './issue-card-on-real-terminal.spec-support.js';
import { presented, world } from './issuance-recovery.spec-support.js';
import { recordDeviceCounters } from './journey-tools.js';

type World = Awaited<ReturnType<typeof realTerminalIssuance>>;
let w: World | undefined;
const keyDir = mkdtempSync(join(tmpdir(), 'kiosk-rejected-blank-key-'));
afterAll(() => rmSync(keyDir, { recursive: true, force: true }));
afterEach(async () => {
  jest.restoreAllMocks();
  await w?.close();
  w = undefined;
});

const since = () => new Date(Date.now() - 60_000).toISOString();

/**
 * A terminal whose reject bin staff counted (`bin`: the journal's count; the printer's own when it
 * counts), the hopper recorded as it is, and a replacement whose blank the chip station spoils.
 */
async function spoilingTerminal(options: RealTerminalOptions) {
  w = await realTerminalIssuance(options);
  const counted = options.binUncounted ? { rejectBin: 0 } : {};
  await w.journal.counters.recordCounters('cardPrinter', { blanks: w.blanks()!, ...counted });
  await recordDeviceCounters(w.journal, w.printer.status());
  w.at.blankFed = () => w!.pcscd.unplug(ENCODER);
  return w;
}

/** The card blanks' account over the spec, the hopper recorded as the kiosk reads it after. */
async function account(world: World, journal: JournalService, from: string) {
  await recordDeviceCounters(journal, world.printer.status());
  const log = new MaintenanceSupplyLog(world.db);
  return reconcileCardBlanks(
    await log.countersSince(from),
    await log.since(from),
    await log.cardsFoundMissingSince(from),
  );
}

/**
 * The kill harness's SIGKILL at `crashAt` taken as the power cut: from then on the journal writes
 * nothing more (a dead kiosk journals nothing), whatever the journey still tries.
 */
function powerCutAtCrashPoint(journal: JournalService, crashAt: string): void {
  let dead = false;
  const cut = () => new Error(`power cut at ${crashAt}`);
  jest.spyOn(process, 'kill').mockImplementation(() => {
    dead = true;
    throw cut();
  });
  const guard = <K extends string>(target: Record<K, unknown>, names: readonly K[]) => {
    for (const name of names) {
      const real = (target[name] as (...args: unknown[]) => Promise<unknown>).bind(target);
      target[name] = async (...args: unknown[]) => {
        if (dead) throw cut();
        return real(...args);
      };
    }
  };
  guard(journal as unknown as Record<string, unknown>, ['recordStep', 'closeTransaction']);
  guard(journal.counters as unknown as Record<string, unknown>, [
    'recordCounters',
    'recordRejectBinOnce',
    'recordIssued',
  ]);
}

const binOf = async (journal: JournalService) =>
  (await journal.counters.latestCounters()).cardPrinter?.counters.rejectBin;

describe('a blank the kiosk spoils, in the journal count of the reject bin', () => {
  it('card spoiled by the journey on a printer without a bin counter: the reconciliation shows no difference', async () => {
    const from = since();
    const t = await spoilingTerminal({ binUncounted: true });
    expect(t.printer.status().supplies.find((s) => s.name === 'rejectBin')?.count).toBeUndefined();
    const out = await t.replace('account');
    expect(out.error?.code).toBe(ErrorCode.DEVICE_OFFLINE);
    expect(t.rejectReasons).toEqual(['chipFailed']);
    expect(await binOf(t.journal)).toBe(1);
    // the count journaled with the reject's intent, before the card went in
    const intent = (await t.steps()).find((s) => s.step === 'card.reject:intent');
    expect(intent?.detail).toMatchObject({ journalBin: 1 });
    expect(await account(t, t.journal, from)).toMatchObject({ spoiled: 1, difference: 0, reconciles: true });
  });

  it('fault: a printer that counts its bin: the spoiled card counted by the printer alone, not twice', async () => {
    const from = since();
    const t = await spoilingTerminal({});
    const before = t.rejectBin()!;
    await t.replace('account');
    expect(t.rejectBin()).toBe(before + 1);
    const intent = (await t.steps()).find((s) => s.step === 'card.reject:intent');
    expect(intent?.detail).not.toHaveProperty('journalBin');
    expect(await account(t, t.journal, from)).toMatchObject({ spoiled: 1, difference: 0 });
    expect(await binOf(t.journal)).toBe(before + 1);
  });

  it.each(['after:card.reject:done', 'before:card.reject:done'])(
    'fault: restart between the reject and its count (%s) on a printer without a bin counter: caught up at boot, counted once',
    async (crashAt) => {
      const from = since();
      const keyFile = join(keyDir, `${crashAt}.key`);
      const t = await spoilingTerminal({ binUncounted: true, crashAt, keyFile });
      powerCutAtCrashPoint(t.journal, crashAt);
      await t.replace('account');
      jest.restoreAllMocks();
      expect((await t.journal.openTransactions()).map((x) => x.id)).toContain(t.tx);
      expect(t.rejectReasons).toEqual(['chipFailed']);
      // the card in the bin, its count not recorded: the power cut came first
      expect(await binOf(t.journal)).toBe(0);

      // the power back: a new journal on the same database, its boot recovery of the card making
      const journal = new JournalService(t.db, {
        kiosk: { id: 'JZ-0001' },
        journal: { retentionDays: 30, keyFile },
      } as KioskConfig);
      await journal.onModuleInit();
      const issuance = { reportIssuance: jest.fn(async () => ({})) };
      await recoverIssuance(journal, t.printer, issuance as never, t.tx);
      expect(await binOf(journal)).toBe(1);
      // a second boot (a restart during recovery) counts nothing more
      await recoverIssuance(journal, t.printer, issuance as never, t.tx);
      expect(await binOf(journal)).toBe(1);
      expect(await account(t, journal, from)).toMatchObject({ spoiled: 1, difference: 0, reconciles: true });
    },
  );
});

describe("boot recovery's own reject, in the journal count of the reject bin", () => {
  /** a card making cut short, the printer not counting its bin, the journal counting 2 in it */
  async function cutShort(position: 'outputSlot' | 'none', steps: Parameters<typeof world>[1] = presented) {
    const r = await world(position, steps);
    r.bin.count = undefined;
    await r.journal.counters.recordCounters('cardPrinter', { blanks: 39, rejectBin: 2 });
    return r;
  }

  it('card left at the slot at a crash, rejected by recovery on a printer without a bin counter: counted once', async () => {
    const r = await cutShort('outputSlot');
    await recoverIssuance(r.journal, r.printer, r.issuance, r.tx);
    expect(r.printer.ejectToRejectBin).toHaveBeenCalledTimes(1);
    expect(await binOf(r.journal)).toBe(3);
    // recovery run again (a restart during recovery): nothing more
    await recoverIssuance(r.journal, r.printer, r.issuance, r.tx);
    expect(await binOf(r.journal)).toBe(3);
    await r.db.destroy();
  });

  it("fault: restart between recovery's reject and its count: caught up at the next boot, once", async () => {
    const r = await cutShort('none');
    const countsAfter = await r.journal.counters.lastRecord();
    await r.journal.recordStep(r.tx, 'recovery.card.reject', 'intent', { journalBin: 3, countsAfter });
    await r.journal.recordStep(r.tx, 'recovery.card.reject', 'done');
    await recoverIssuance(r.journal, r.printer, r.issuance, r.tx);
    expect(await binOf(r.journal)).toBe(3);
    await recoverIssuance(r.journal, r.printer, r.issuance, r.tx);
    expect(await binOf(r.journal)).toBe(3);
    await r.db.destroy();
  });

  it('fault: a retract with no outcome is not counted by recovery (left to staff, whose verdict counts it)', async () => {
    const r = await cutShort('none');
    const countsAfter = await r.journal.counters.lastRecord();
    await r.journal.recordStep(r.tx, 'card.retract', 'intent', { journalBin: 3, countsAfter });
    expect(await recoverIssuance(r.journal, r.printer, r.issuance, r.tx)).toBe(false);
    expect(await binOf(r.journal)).toBe(2);
    await r.db.destroy();
  });
});
