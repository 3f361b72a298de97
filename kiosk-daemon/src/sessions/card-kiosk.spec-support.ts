/**
 * The kiosk of the card-recovery specs (a card at the slot or in the reader across a restart, a
 * stray card, a damaged card's capture): the emulated card reader (with a capture bin when given
 * one) and dispenser, a card printer that holds no card, the real journal (SQLite in memory), the
 * configured take timeout, and the readings those specs make. Recovery and slot-card services made
 * through it are shut down by `close`.
 */
import type { KioskConfig } from '@kiosk/config';
import { CashDispenserEmulator, EmulatedCardReader } from '@kiosk/device-drivers';
import type { DeviceStatus } from '@kiosk/domain';
import { eventually } from '@kiosk/domain/testing';
import type { DevicesService } from '../devices/devices.service.js';
import type { HostService } from '../host/host.service.js';
import { openMemoryJournal } from '../journal/memory-journal.spec-support.js';
import { SessionRecoveryService } from './session-recovery.service.js';
import { SlotCardRecovery } from './slot-card-recovery.js';

/** short enough for a spec; the take timeout's length is the config's, not asserted here */
export const TAKE_MS = 200;

const PRINTER: DeviceStatus = {
  kind: 'cardPrinter',
  device: 'online',
  supplies: [{ name: 'rejectBin', level: 'ok', count: 0 }],
  driver: 'emulator',
  updatedAt: '2026-11-26T08:00:00Z',
};

export interface TransactionRow {
  readonly id: string;
  readonly journey: string;
  readonly outcome: string | null;
  readonly errorCode: string | null;
}

export async function cardKiosk(bin?: { count: number; capacity: number }) {
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
  const config = { timeouts: { cardTakeMs: TAKE_MS } } as KioskConfig;
  // no withdrawal held at the host: only cards are to account for
  const host = { authorisedWithdrawals: async () => [] } as unknown as HostService;
  const made: { onApplicationShutdown(): void }[] = [];
  const keep = <T extends { onApplicationShutdown(): void }>(service: T): T => {
    made.push(service);
    return service;
  };
  const whereIs = (cardId = 'zhang') => reader.listCards().find((c) => c.cardId === cardId)?.location;
  return {
    db,
    journal,
    reader,
    devices,
    /** the slot-card service of one boot of the daemon */
    slotCard: () => keep(new SlotCardRecovery(devices, journal, config)),
    /** boot recovery, with the slot-card service when the spec gives one */
    recovery: (slotCard?: SlotCardRecovery) =>
      keep(
        slotCard
          ? new SessionRecoveryService(devices, journal, host, undefined, undefined, undefined, slotCard)
          : new SessionRecoveryService(devices, journal, host),
      ),
    whereIs,
    captureBin: () => reader.status().supplies.find((s) => s.name === 'captureBin')?.count,
    countedBin: async () => (await journal.counters.latestCounters()).cardReader?.counters.captureBin,
    /** the transactions of one journey (all when none is named), in the order they were opened */
    transactions: (journey?: string): Promise<TransactionRow[]> =>
      journey === undefined
        ? db.query(
            `SELECT "id", "journey", "outcome", "errorCode" FROM "journal_transaction" ORDER BY "serial"`,
          )
        : db.query(
            `SELECT "id", "journey", "outcome", "errorCode" FROM "journal_transaction" WHERE "journey" = ? ORDER BY "serial"`,
            [journey],
          ),
    /** a transaction's steps as `step:phase`, with their detail when asked */
    steps: async (id: string | undefined, withDetail = false) =>
      id
        ? (await journal.stepsOf(id)).map(
            (s) => `${s.step}:${s.phase}${withDetail ? ` ${s.detail ?? ''}` : ''}`,
          )
        : [],
    /** the card handed back: at the slot */
    atSlot: async (cardId = 'zhang') => {
      await eventually(() => whereIs(cardId), 'the card at the slot', {
        withinMs: 5_000,
        until: (where) => where === 'atSlot',
      });
    },
    close: async () => {
      for (const service of made.splice(0)) service.onApplicationShutdown();
      await reader.close();
      await dispenser.close();
      await db.destroy();
    },
  };
}

export type CardKiosk = Awaited<ReturnType<typeof cardKiosk>>;
