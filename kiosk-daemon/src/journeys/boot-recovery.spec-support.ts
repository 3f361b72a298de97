/**
 * What the specs of boot recovery's host acts share (a card making's report, a card's activation):
 * a journal in memory per spec with the background tries it starts, stopped and closed after each;
 * a kiosk whose card printer's last card is gone from the slot, whose cash dispenser does not
 * answer and whose host holds no withdrawal;
 * and one boot's recovery on that journal with the parts a spec gives.
 */
import { afterEach } from '@jest/globals';
import type { DevicesService } from '../devices/devices.service.js';
import type { HostService } from '../host/host.service.js';
import type { IssuanceHostService } from '../host/issuance-host.service.js';
import { JournaledHostRetries } from '../host/journaled-host-retries.js';
import type { JournalService } from '../journal/journal.service.js';
import { openMemoryJournal } from '../journal/memory-journal.spec-support.js';
import type { DataSource } from '../journal/typeorm-runtime.js';
import type { RecoveryReport } from '../sessions/open-transactions-at-boot.js';
import { SessionRecoveryService } from '../sessions/session-recovery.service.js';
import type { CardActivations } from './card-activation.js';
import { cardGonePrinter } from './card-gone-printer.spec-support.js';
import type { CardMakingReports } from './card-making-reports.js';
import type { PinResetReports } from './pin-reset-report.js';

/** The kiosk's devices: the card printer's last card gone from the slot, no card in the reader. */
export function cardGoneDevices(): DevicesService {
  const printer = cardGonePrinter(39, 0);
  return {
    cardReader: { cardPosition: () => 'none' },
    cardPrinter: printer,
    // no dispenser answering: no notes at its slot to settle
    cashDispenser: {
      cassettes: () => [],
      status: () => ({ kind: 'cashDispenser', device: 'offline', supplies: [] }),
    },
    statuses: () => [printer.status()],
    onAnyStatus: () => () => undefined,
  } as unknown as DevicesService;
}

/** A host holding no withdrawal (the boot's sweep finds none); `more`: the host's other answers. */
export function hostWithoutWithdrawals(more: Record<string, unknown> = {}): HostService {
  return { authorisedWithdrawals: async () => [], ...more } as unknown as HostService;
}

/** Journals in memory for the specs of a file, each with its background tries, closed after each spec. */
export function journalsPerSpec() {
  const stopped: { onApplicationShutdown(): void }[] = [];
  const opened: DataSource[] = [];
  afterEach(async () => {
    for (const s of stopped.splice(0)) s.onApplicationShutdown();
    for (const db of opened.splice(0)) await db.destroy();
  });
  return {
    open: async (): Promise<{ db: DataSource; journal: JournalService }> => {
      const made = await openMemoryJournal();
      opened.push(made.db);
      return made;
    },
    /** one run's background tries on `journal`, quick pauses, stopped after the spec at the latest */
    retries: (journal: JournalService): JournaledHostRetries => {
      const retries = new JournaledHostRetries(journal);
      retries.retry = { firstMs: 5, maxMs: 40 };
      stopped.push(retries);
      return retries;
    },
  };
}

/** The parts of recovery a spec gives (the rest absent, as in unit specs). */
export interface BootParts {
  readonly issuance?: IssuanceHostService;
  readonly cardReports?: CardMakingReports;
  readonly retries?: JournaledHostRetries;
  readonly activations?: CardActivations;
  readonly pinResets?: PinResetReports;
}

/** One boot's recovery of what earlier runs left on `journal`. */
export async function recoverAtBoot(
  journal: JournalService,
  devices: DevicesService,
  host: HostService,
  parts: BootParts,
): Promise<RecoveryReport> {
  const { issuance, cardReports, retries, activations, pinResets } = parts;
  const none = undefined;
  const recovery = new SessionRecoveryService(
    devices,
    journal,
    host,
    issuance,
    none,
    none,
    none,
    cardReports,
    retries,
    pinResets,
    none,
    none,
    activations,
  );
  try {
    return await recovery.recoverUnfinished();
  } finally {
    recovery.onApplicationShutdown();
  }
}
