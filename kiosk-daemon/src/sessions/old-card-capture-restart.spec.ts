/**
 * Exactly once across a restart: the kiosk stopped between journaling a damaged card's capture
 * and journaling it done. At boot the card is accounted for from the reader's own state and its
 * capture bin's count, as a card left in the reader always is: still in the reader, it is captured
 * now; already in the bin, it is found there; without a count to tell, field staff must look.
 */
import { CashDispenserEmulator, EmulatedCardReader } from '@kiosk/device-drivers';
import type { DeviceStatus } from '@kiosk/domain';
import type { DevicesService } from '../devices/devices.service.js';
import type { HostService } from '../host/host.service.js';
import { openMemoryJournal } from '../journal/memory-journal.spec-support.js';
import { OLD_CARD_CAPTURE } from '../journeys/old-card-hand-in.js';
import { SessionRecoveryService } from './session-recovery.service.js';

const PRINTER: DeviceStatus = {
  kind: 'cardPrinter',
  device: 'online',
  supplies: [{ name: 'rejectBin', level: 'ok', count: 0 }],
  driver: 'emulator',
  updatedAt: '2026-11-26T08:00:00Z',
};

async function bootAfterCrash(captureBinInIntent: number | undefined) {
  const { db, journal } = await openMemoryJournal();
  const reader = new EmulatedCardReader({ today: new Date('2026-11-26') });
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
  const tx = await journal.openTransaction('s1', 'replaceCard');
  await reader.insertCard('zhang');
  await journal.recordStep(tx, OLD_CARD_CAPTURE, 'intent', {
    chip: 'read',
    ...(captureBinInIntent === undefined ? {} : { captureBin: captureBinInIntent }),
  });
  // no withdrawal held at the host: only the card is to account for
  const host = { authorisedWithdrawals: async () => [] } as unknown as HostService;
  const recovery = new SessionRecoveryService(devices, journal, host);
  const steps = async () => (await journal.stepsOf(tx)).map((s) => `${s.step}:${s.phase} ${s.detail ?? ''}`);
  const txOf = async () => (await journal.openTransactions()).find((t) => t.id === tx);
  const whereIs = () => reader.listCards().find((c) => c.cardId === 'zhang')?.location;
  const close = async () => {
    recovery.onApplicationShutdown();
    await reader.close();
    await dispenser.close();
    await db.destroy();
  };
  return { reader, recovery, steps, txOf, whereIs, close };
}

describe('restart between a damaged card’s capture intent and its done', () => {
  it('the card still in the reader: captured at boot, journaled captured, the transaction closed', async () => {
    const w = await bootAfterCrash(0);
    try {
      const report = await w.recovery.recoverUnfinished();
      expect(report.cardsCaptured).toBe(1);
      expect(w.whereIs()).toBe('captured');
      const steps = await w.steps();
      expect(steps.some((s) => s.startsWith('recovery.card.retract:done'))).toBe(true);
      expect(steps.find((s) => s.startsWith('recovery.oldCard'))).toContain('"where":"captured"');
      expect(await w.txOf()).toBeUndefined();
    } finally {
      await w.close();
    }
  });

  it('the card already in the bin: found there, not captured twice', async () => {
    const w = await bootAfterCrash(0);
    try {
      await w.reader.retract(); // the capture landed just before the power went
      const report = await w.recovery.recoverUnfinished();
      expect(report.cardsCaptured).toBe(0);
      expect(w.reader.status().supplies.find((s) => s.name === 'captureBin')?.count).toBe(1);
      expect((await w.steps()).find((s) => s.startsWith('recovery.oldCard'))).toContain('"where":"captured"');
    } finally {
      await w.close();
    }
  });

  it('fault: no count journaled to tell: the kiosk stays out of service for field staff', async () => {
    const w = await bootAfterCrash(undefined);
    try {
      await w.reader.retract();
      await expect(w.recovery.recoverUnfinished()).rejects.toMatchObject({ code: 'SESSION_INTERRUPTED' });
      expect((await w.steps()).find((s) => s.startsWith('recovery.oldCard'))).toContain('"where":"unknown"');
      expect(await w.txOf()).toBeDefined();
    } finally {
      await w.close();
    }
  });
});
