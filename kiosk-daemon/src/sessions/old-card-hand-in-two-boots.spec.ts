/**
 * Fault: a damaged card's hand-in decided again at each boot. A replacement cut short between its
 * old card's capture intent (with the capture bin's count) and its done is decided at boot from the
 * bin's count (`recovery.oldCard`: captured when the bin grew). When the transaction stays open
 * past that boot (its card making needs field staff: the card left the printer's slot during its
 * retract and the reject bin cannot tell where), the next start read the bin again: emptied by
 * staff meanwhile, it journaled the same card given back. Now the journaled decision stands: read
 * from the journal and acted on, never taken again from a count that moved on since.
 *
 * The real journal in a SQLite file and the emulated reader keeping its card and bin in
 * `card-reader.json` beside it; each `boot()` is one start of the daemon on that folder.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from '@jest/globals';
import type { KioskConfig } from '@kiosk/config';
import { CashDispenserEmulator, EmulatedCardReader, cardReaderStateFile } from '@kiosk/device-drivers';
import type { DeviceStatus } from '@kiosk/domain';
import type { DevicesService } from '../devices/devices.service.js';
import type { HostService } from '../host/host.service.js';
import type { IssuanceHostService } from '../host/issuance-host.service.js';
import { sqliteJournalOptions } from '../journal/journal.data-source.js';
import { JournalService } from '../journal/journal.service.js';
import { DataSource } from '../journal/typeorm-runtime.js';
import { OLD_CARD_CAPTURE } from '../journeys/old-card-hand-in.js';
import { SessionRecoveryService } from './session-recovery.service.js';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** a card printer holding no card that does not count its reject bin */
const printer = {
  cardPosition: () => 'none',
  status: (): DeviceStatus => ({
    kind: 'cardPrinter',
    device: 'online',
    supplies: [],
    driver: 'emulator',
    updatedAt: '2026-11-26T08:00:00Z',
  }),
};

async function replacementCutShortInHandIn() {
  const dir = mkdtempSync(join(tmpdir(), 'kiosk-old-card-two-boots-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  const statePath = join(dir, 'card-reader.json');
  // the old card in the reader, the capture bin holding 3 as the capture's intent counted
  const reader = { format: 1, position: 'inReader', cardId: 'zhang', captured: [], captureBinCount: 3 };
  writeFileSync(statePath, JSON.stringify(reader));
  const db = new DataSource(sqliteJournalOptions(join(dir, 'journal.sqlite')));
  await db.initialize();
  cleanups.push(() => db.destroy());
  const journal = new JournalService(db, {
    kiosk: { id: 'JZ-0001' },
    journal: { retentionDays: 30 },
  } as KioskConfig);
  await journal.onModuleInit();
  const tx = await journal.openTransaction('s-r', 'replaceCard');
  await journal.sealPersonalData(tx, 'cardNumber', 'H41080000777');
  await journal.recordStep(tx, OLD_CARD_CAPTURE, 'intent', { chip: 'read', captureBin: 3 });
  // ... and its new card: presented, then gone during a retract whose intent counted nothing
  await journal.recordStep(tx, 'issuance.order', 'event', { applicationNo: 'R1', attempt: 1 });
  for (const step of ['card.feed', 'card.present']) {
    await journal.recordStep(tx, step, 'intent');
    await journal.recordStep(tx, step, 'done');
  }
  await journal.recordStep(tx, 'card.retract', 'intent');
  const told: string[] = [];
  const issuance = {
    reportIssuance: async (no: string, r: { outcome: string }) => told.push(`${no} ${r.outcome}`),
  } as unknown as IssuanceHostService;
  const host = { authorisedWithdrawals: async () => [] } as unknown as HostService;
  const dispenser = new CashDispenserEmulator();
  await dispenser.open();
  cleanups.push(() => dispenser.close());

  /** One start of the daemon; `emptyBin`: field staff emptied the capture bin before it. */
  const boot = async (options: { emptyBin?: true } = {}) => {
    const reader = new EmulatedCardReader({
      today: new Date('2026-11-26'),
      captureBin: { capacity: 50 },
      stateFile: cardReaderStateFile(statePath),
    });
    await reader.open();
    if (options.emptyBin) reader.emptyCaptureBin();
    const devices = {
      cardReader: reader,
      cardPrinter: printer,
      cashDispenser: dispenser,
      statuses: (): DeviceStatus[] => [reader.status(), printer.status(), dispenser.status()],
      onAnyStatus: () => () => undefined,
    } as unknown as DevicesService;
    const recovery = new SessionRecoveryService(devices, journal, host, issuance);
    try {
      const outcome = await recovery.recoverUnfinished().then(
        () => 'recovered',
        (e: { code?: string; message?: string }) => e.code ?? e.message,
      );
      const where = reader.listCards().find((c) => c.cardId === 'zhang')?.location;
      return { outcome, where };
    } finally {
      recovery.onApplicationShutdown();
      await reader.close();
    }
  };
  const decisions = async () =>
    (await journal.stepsOf(tx))
      .filter((s) => s.step === 'recovery.oldCard')
      .map((s) => JSON.parse(s.detail!));
  return { journal, tx, boot, decisions, told };
}

describe('a damaged card’s hand-in cut short, its transaction open across boots', () => {
  it('old card hand-in recovered across two boots: decided once', async () => {
    const k = await replacementCutShortInHandIn();

    // the first start: the card still inside captured (the bin 3 -> 4), decided captured; the card
    // making needs staff, so the transaction stays open and the kiosk out of service
    expect(await k.boot()).toEqual({ outcome: 'CARD_MAKING_UNDECIDED', where: 'captured' });
    expect(await k.decisions()).toEqual([{ where: 'captured', captureBin: 4, cardPosition: 'none' }]);
    expect((await k.journal.openTransactions()).map((t) => t.id)).toEqual([k.tx]);

    // field staff emptied the capture bin (the card making still to settle), the power went and
    // came back: the bin's count (0) says nothing of this card now; the decision stands, once
    expect(await k.boot({ emptyBin: true })).toEqual({ outcome: 'CARD_MAKING_UNDECIDED', where: 'outside' });
    expect(await k.decisions()).toEqual([{ where: 'captured', captureBin: 4, cardPosition: 'none' }]);
    // still open for staff, for its card making only; the host told nothing
    expect((await k.journal.openTransactions()).map((t) => t.id)).toEqual([k.tx]);
    expect(k.told).toEqual([]);
  });
});
