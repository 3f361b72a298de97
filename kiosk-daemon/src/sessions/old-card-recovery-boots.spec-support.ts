/**
 * What the specs of a damaged card's hand-in recovered at boot share: a kiosk folder with the real
 * journal in a SQLite file and the emulated reader keeping its card and bin in `card-reader.json`
 * beside it, a replacement's transaction opened in that journal, the host's stand-ins (its card
 * reports kept in `told`), and `boot`: one start of the daemon's recovery on that folder.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from '@jest/globals';
import { CashDispenserEmulator, EmulatedCardReader, cardReaderStateFile } from '@kiosk/device-drivers';
import type { DeviceStatus } from '@kiosk/domain';
import type { DevicesService } from '../devices/devices.service.js';
import type { HostService } from '../host/host.service.js';
import type { IssuanceHostService } from '../host/issuance-host.service.js';
import { openJournalInFolder } from '../journal/memory-journal.spec-support.js';
import { SessionRecoveryService } from './session-recovery.service.js';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** a card printer holding no card that does not count its reject bin */
export const printer = {
  cardPosition: () => 'none',
  status: (): DeviceStatus => ({
    kind: 'cardPrinter',
    device: 'online',
    supplies: [],
    driver: 'emulator',
    updatedAt: '2026-11-26T08:00:00Z',
  }),
};

/** a refusal's code (or its message where it has none), as a boot's outcome reads */
export const coded = (e: { code?: string; message?: string }) => e.code ?? e.message;

/**
 * A kiosk folder (named after `prefix`) whose reader's state file is `readerState`, its journal
 * holding one replacement's transaction (`tx`), opened by session `s-r`.
 */
export async function oldCardKiosk(prefix: string, readerState: object) {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  const statePath = join(dir, 'card-reader.json');
  writeFileSync(statePath, JSON.stringify(readerState));
  const { db, journal } = await openJournalInFolder(dir);
  cleanups.push(() => db.destroy());
  const tx = await journal.openTransaction('s-r', 'replaceCard');
  const told: string[] = [];
  const issuance = {
    reportIssuance: async (no: string, r: { outcome: string }) => told.push(`${no} ${r.outcome}`),
  } as unknown as IssuanceHostService;
  const host = { authorisedWithdrawals: async () => [] } as unknown as HostService;
  const dispenser = new CashDispenserEmulator();
  await dispenser.open();
  cleanups.push(() => dispenser.close());

  /**
   * One start of the daemon: the reader opened on the folder's state file (`opened` done to it
   * then, as by staff before the start), the recovery made, and `work` run with them.
   */
  const boot = async <T>(
    work: (recovery: SessionRecoveryService, reader: EmulatedCardReader) => Promise<T>,
    opened: (reader: EmulatedCardReader) => void = () => undefined,
  ): Promise<T> => {
    const reader = new EmulatedCardReader({
      today: new Date('2026-11-26'),
      captureBin: { capacity: 50 },
      stateFile: cardReaderStateFile(statePath),
    });
    await reader.open();
    opened(reader);
    const devices = {
      cardReader: reader,
      cardPrinter: printer,
      cashDispenser: dispenser,
      statuses: (): DeviceStatus[] => [reader.status(), printer.status(), dispenser.status()],
      onAnyStatus: () => () => undefined,
    } as unknown as DevicesService;
    const recovery = new SessionRecoveryService(devices, journal, host, issuance);
    try {
      return await work(recovery, reader);
    } finally {
      recovery.onApplicationShutdown();
      await reader.close();
    }
  };
  /** the old card's decisions recovery journaled, in order */
  const decisions = async () =>
    (await journal.stepsOf(tx))
      .filter((s) => s.step === 'recovery.oldCard')
      .map((s) => JSON.parse(s.detail!));
  return { journal, tx, boot, decisions, told };
}
