/**
 * A card inserted with no session waiting for it (nobody chose a journey) is handed straight back:
 * journaled in a small transaction of its own, and if nobody takes it, retracted into the capture
 * bin after the take timeout and counted, as a card left at the slot across a restart is. A
 * resident who takes it, pushes it back in or starts a session meanwhile is not disturbed.
 */
import type { KioskConfig } from '@kiosk/config';
import { CashDispenserEmulator, EmulatedCardReader } from '@kiosk/device-drivers';
import type { DeviceStatus } from '@kiosk/domain';
import type { DevicesService } from '../devices/devices.service.js';
import type { HostService } from '../host/host.service.js';
import { openMemoryJournal } from '../journal/memory-journal.spec-support.js';
import { SessionRecoveryService } from './session-recovery.service.js';
import { type SlotCardOutcome, SlotCardRecovery, STRAY_CARD_JOURNEY } from './slot-card-recovery.js';

/** short enough for a spec; the take timeout's length is the config's, not asserted here */
const TAKE_MS = 200;

/** The reader and the journal of a kiosk with no session, a card inserted handed back as the daemon does. */
async function idleKiosk(bin?: { count: number; capacity: number }) {
  const { db, journal } = await openMemoryJournal();
  const reader = new EmulatedCardReader({ today: new Date('2026-11-26'), captureBin: bin });
  await reader.open();
  const dispenser = new CashDispenserEmulator();
  await dispenser.open();
  const printer = { kind: 'cardPrinter', device: 'online', supplies: [], driver: 'emulator' };
  const devices = {
    cardReader: reader,
    cashDispenser: dispenser,
    cardPrinter: { cardPosition: () => 'none', status: () => printer },
    statuses: () => [reader.status(), printer as unknown as DeviceStatus, dispenser.status()],
    onAnyStatus: () => () => undefined,
  } as unknown as DevicesService;
  const config = { timeouts: { cardTakeMs: TAKE_MS } } as KioskConfig;
  const slotCard = new SlotCardRecovery(devices, journal, config);
  /** the kiosk stopped (the stray card's wait with it) and boots again on the same reader and journal */
  const restart = async () => {
    slotCard.onApplicationShutdown();
    const again = new SlotCardRecovery(devices, journal, config);
    const host = { authorisedWithdrawals: async () => [] } as unknown as HostService;
    const recovery = new SessionRecoveryService(
      devices,
      journal,
      host,
      undefined,
      undefined,
      undefined,
      again,
    );
    await recovery.recoverUnfinished();
    recovery.onApplicationShutdown();
    return again;
  };
  let sessionRuns = false;
  const returns: Promise<SlotCardOutcome>[] = [];
  // as the daemon's device events: a card inserted while no session runs is a stray card
  const off = reader.onCardEvent((e) => {
    if (e.type === 'inserted' && !sessionRuns) returns.push(slotCard.returnStray(() => sessionRuns));
  });
  const whereIs = () => reader.listCards().find((c) => c.cardId === 'zhang')?.location;
  const captureBin = () => reader.status().supplies.find((s) => s.name === 'captureBin')?.count;
  const countedBin = async () => (await journal.counters.latestCounters()).cardReader?.counters.captureBin;
  const strayTransactions = (): Promise<{ id: string; outcome: string | null; errorCode: string | null }[]> =>
    db.query(
      `SELECT "id", "outcome", "errorCode" FROM "journal_transaction" WHERE "journey" = ? ORDER BY "id"`,
      [STRAY_CARD_JOURNEY],
    );
  const steps = async (id: string | undefined) =>
    id ? (await journal.stepsOf(id)).map((s) => `${s.step}:${s.phase}`) : [];
  /** the card handed back: at the slot, its return journaled */
  const atSlot = async () => {
    while (whereIs() !== 'atSlot') await new Promise((r) => setTimeout(r, 5));
  };
  const close = async () => {
    off();
    slotCard.onApplicationShutdown();
    await reader.close();
    await dispenser.close();
    await db.destroy();
  };
  return {
    reader,
    returns,
    startSession: (runs: boolean) => (sessionRuns = runs),
    whereIs,
    captureBin,
    countedBin,
    strayTransactions,
    steps,
    atSlot,
    restart,
    close,
  };
}

describe('a stray card handed back at the slot', () => {
  it('stray card left at the slot is retracted after the take timeout', async () => {
    const k = await idleKiosk();
    try {
      await k.reader.insertCard('zhang');
      await k.atSlot();
      expect(await k.returns[0]).toBe('retracted');
      expect(k.whereIs()).toBe('captured');
      expect(k.captureBin()).toBe(1);
      expect(await k.countedBin()).toBe(1);
      const [own, ...more] = await k.strayTransactions();
      expect(more).toEqual([]);
      expect(own).toMatchObject({ outcome: 'cardRetracted', errorCode: 'CARD_NOT_TAKEN_RETRACTED' });
      expect(await k.steps(own?.id)).toEqual([
        'card.eject:intent',
        'card.eject:done',
        'card.retract:intent',
        'card.retract:done',
      ]);
    } finally {
      await k.close();
    }
  });

  it('stray card taken: nothing retracted', async () => {
    const k = await idleKiosk();
    try {
      await k.reader.insertCard('zhang');
      await k.atSlot();
      await k.reader.takeCard();
      expect(await k.returns[0]).toBe('taken');
      expect(k.whereIs()).toBe('outside');
      expect(k.captureBin()).toBe(0);
      const [own] = await k.strayTransactions();
      expect(own).toMatchObject({ outcome: 'completed', errorCode: null });
      const steps = await k.steps(own?.id);
      expect(steps.slice(0, 2)).toEqual(['card.eject:intent', 'card.eject:done']);
      expect(steps.some((s) => s.startsWith('card.retract'))).toBe(false);
    } finally {
      await k.close();
    }
  });

  it('stray card taken and inserted again: the first wait ends, the second return has it alone', async () => {
    const k = await idleKiosk();
    try {
      await k.reader.insertCard('zhang');
      await k.atSlot();
      await k.reader.takeCard();
      await k.reader.insertCard('zhang');
      await k.atSlot();
      await k.reader.takeCard();
      expect(await Promise.all(k.returns)).toEqual(['taken', 'taken']);
      expect(k.captureBin()).toBe(0);
      const both = await k.strayTransactions();
      expect(both.map((t) => t.outcome)).toEqual(['completed', 'completed']);
    } finally {
      await k.close();
    }
  });

  it('stray card while a session runs: not retracted then, retracted once the session is over', async () => {
    const k = await idleKiosk();
    try {
      await k.reader.insertCard('zhang');
      await k.atSlot();
      k.startSession(true);
      // two take timeouts and more: the resident at the screen is not disturbed
      await new Promise((r) => setTimeout(r, TAKE_MS * 2.5));
      expect(k.whereIs()).toBe('atSlot');
      k.startSession(false);
      expect(await k.returns[0]).toBe('retracted');
      expect(k.whereIs()).toBe('captured');
    } finally {
      await k.close();
    }
  });

  it('stray card at the slot when the kiosk restarts: boot finds its return and retracts it after the take timeout', async () => {
    const k = await idleKiosk();
    try {
      await k.reader.insertCard('zhang');
      await k.atSlot();
      const [own] = await k.strayTransactions();
      while (!(await k.steps(own?.id)).includes('card.eject:done'))
        await new Promise((r) => setTimeout(r, 5));
      const again = await k.restart();
      expect(await k.returns[0]).toBe('stopped');
      expect(await again.outcome()).toBe('retracted');
      expect(k.whereIs()).toBe('captured');
      const [after, ...more] = await k.strayTransactions();
      expect(more).toEqual([]);
      expect(after).toMatchObject({ outcome: 'interrupted' });
      const steps = await k.steps(after?.id);
      expect(steps.indexOf('recovery.card.retract:done')).toBeGreaterThan(steps.indexOf('card.eject:done'));
    } finally {
      await k.close();
    }
  });

  it('fault: the capture bin is full: the failed retract journaled, the card left at the slot', async () => {
    const k = await idleKiosk({ count: 1, capacity: 1 });
    try {
      await k.reader.insertCard('zhang');
      expect(await k.returns[0]).toBe('failed');
      expect(k.whereIs()).toBe('atSlot');
      const [own] = await k.strayTransactions();
      expect(own).toMatchObject({ outcome: 'failed', errorCode: 'DEVICE_BIN_FULL' });
      expect(await k.steps(own?.id)).toContain('card.retract:failed');
    } finally {
      await k.close();
    }
  });
});
