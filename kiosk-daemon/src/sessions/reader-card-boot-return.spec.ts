/**
 * A card inside the reader when the kiosk restarted that no open transaction claims (a stray card
 * being read, or its session already closed): boot hands it back at the slot, its owner may be
 * standing there, journaled in a recovery transaction of its own; then the take timeout, and the
 * capture bin if nobody takes it. The next resident can insert theirs either way.
 */
import type { KioskConfig } from '@kiosk/config';
import { CashDispenserEmulator, EmulatedCardReader } from '@kiosk/device-drivers';
import type { DeviceStatus } from '@kiosk/domain';
import type { DevicesService } from '../devices/devices.service.js';
import type { HostService } from '../host/host.service.js';
import { openMemoryJournal } from '../journal/memory-journal.spec-support.js';
import { SessionRecoveryService } from './session-recovery.service.js';
import { RECOVERY_JOURNEY, SlotCardRecovery } from './slot-card-recovery.js';

const PRINTER: DeviceStatus = {
  kind: 'cardPrinter',
  device: 'online',
  supplies: [{ name: 'rejectBin', level: 'ok', count: 0 }],
  driver: 'emulator',
  updatedAt: '2026-11-26T08:00:00Z',
};

/** short enough for a spec; the take timeout's length is the config's, not asserted here */
const TAKE_MS = 200;

/** The kiosk stopped with zhang's card inside the reader, its session (if any) already closed. */
async function bootWithCardInReader(bin?: { count: number; capacity: number }) {
  const { db, journal } = await openMemoryJournal();
  const reader = new EmulatedCardReader({ today: new Date('2026-11-26'), captureBin: bin });
  await reader.open();
  const dispenser = new CashDispenserEmulator();
  await dispenser.open();
  const devices = {
    cardReader: reader,
    cashDispenser: dispenser,
    cardPrinter: { cardPosition: () => 'none', status: () => PRINTER },
    statuses: (): DeviceStatus[] => [reader.status(), PRINTER, dispenser.status()],
    onAnyStatus: () => () => undefined,
  } as unknown as DevicesService;
  await reader.insertCard('zhang');
  // a session that ended before the kiosk stopped: closed, it claims nothing
  const closed = await journal.openTransaction('s1', 'queryBalance');
  await journal.closeTransaction(closed, 'completed', null);
  const host = { authorisedWithdrawals: async () => [] } as unknown as HostService;
  const config = { timeouts: { cardTakeMs: TAKE_MS } } as KioskConfig;
  const slotCard = new SlotCardRecovery(devices, journal, config);
  const recovery = new SessionRecoveryService(
    devices,
    journal,
    host,
    undefined,
    undefined,
    undefined,
    slotCard,
  );
  const whereIs = () => reader.listCards().find((c) => c.cardId === 'zhang')?.location;
  const captureBin = () => reader.status().supplies.find((s) => s.name === 'captureBin')?.count;
  const countedBin = async () => (await journal.counters.latestCounters()).cardReader?.counters.captureBin;
  const transactions = (): Promise<
    { id: string; journey: string; outcome: string; errorCode: string | null }[]
  > =>
    db.query(`SELECT "id", "journey", "outcome", "errorCode" FROM "journal_transaction" ORDER BY "serial"`);
  const recoveryTransactions = async () =>
    (await transactions()).filter((t) => t.journey === RECOVERY_JOURNEY);
  const steps = async (id: string | undefined) =>
    id ? (await journal.stepsOf(id)).map((s) => `${s.step}:${s.phase}`) : [];
  const atSlot = async () => {
    while (whereIs() !== 'atSlot') await new Promise((r) => setTimeout(r, 5));
  };
  const close = async () => {
    slotCard.onApplicationShutdown();
    recovery.onApplicationShutdown();
    await reader.close();
    await dispenser.close();
    await db.destroy();
  };
  return {
    reader,
    recovery,
    slotCard,
    closed,
    whereIs,
    captureBin,
    countedBin,
    transactions,
    recoveryTransactions,
    steps,
    atSlot,
    close,
  };
}

describe('a card inside the reader at boot that no transaction claims', () => {
  it('card inside the reader at boot that no transaction claims is given back, then retracted if not taken', async () => {
    const w = await bootWithCardInReader();
    try {
      const report = await w.recovery.recoverUnfinished();
      // not captured at once: handed back, boot not held up
      expect(report).toMatchObject({ recovered: 0, cardsCaptured: 0 });
      await w.atSlot();
      expect(await w.slotCard.outcome()).toBe('retracted');
      expect(w.whereIs()).toBe('captured');
      expect(w.captureBin()).toBe(1);
      expect(await w.countedBin()).toBe(1);
      const [own, ...more] = await w.recoveryTransactions();
      expect(more).toEqual([]);
      expect(own).toMatchObject({ outcome: 'cardRetracted', errorCode: 'CARD_NOT_TAKEN_RETRACTED' });
      expect(await w.steps(own?.id)).toEqual([
        'card.eject:intent',
        'card.eject:done',
        'recovery.card.retract:intent',
        'recovery.card.retract:done',
      ]);
      // the closed session is left as it was
      expect(await w.steps(w.closed)).toEqual([]);
      expect((await w.transactions()).find((t) => t.id === w.closed)).toMatchObject({ outcome: 'completed' });
    } finally {
      await w.close();
    }
  });

  it('given back and taken: nothing retracted, its transaction completed', async () => {
    const w = await bootWithCardInReader();
    try {
      await w.recovery.recoverUnfinished();
      await w.atSlot();
      await w.reader.takeCard();
      expect(await w.slotCard.outcome()).toBe('taken');
      expect(w.whereIs()).toBe('outside');
      expect(w.captureBin()).toBe(0);
      const [own] = await w.recoveryTransactions();
      expect(own).toMatchObject({ outcome: 'completed', errorCode: null });
      const steps = await w.steps(own?.id);
      expect(steps.slice(0, 2)).toEqual(['card.eject:intent', 'card.eject:done']);
      expect(steps.some((s) => s.startsWith('recovery.card.retract'))).toBe(false);
    } finally {
      await w.close();
    }
  });

  it('a session running when the take timeout ends: nothing retracted until it is over', async () => {
    const w = await bootWithCardInReader();
    let sessionRuns = false;
    w.slotCard.respectSessions(() => sessionRuns);
    try {
      await w.recovery.recoverUnfinished();
      await w.atSlot();
      sessionRuns = true;
      // two take timeouts and more: the resident at the screen is not disturbed
      await new Promise((r) => setTimeout(r, TAKE_MS * 2.5));
      expect(w.whereIs()).toBe('atSlot');
      sessionRuns = false;
      expect(await w.slotCard.outcome()).toBe('retracted');
      expect(w.whereIs()).toBe('captured');
    } finally {
      await w.close();
    }
  });

  it('fault: the capture bin is full: the failed retract journaled, the card left at the slot', async () => {
    const w = await bootWithCardInReader({ count: 1, capacity: 1 });
    try {
      await w.recovery.recoverUnfinished();
      expect(await w.slotCard.outcome()).toBe('failed');
      expect(w.whereIs()).toBe('atSlot');
      const [own] = await w.recoveryTransactions();
      expect(own).toMatchObject({ outcome: 'failed', errorCode: 'DEVICE_BIN_FULL' });
      expect(await w.steps(own?.id)).toContain('recovery.card.retract:failed');
    } finally {
      await w.close();
    }
  });
});
