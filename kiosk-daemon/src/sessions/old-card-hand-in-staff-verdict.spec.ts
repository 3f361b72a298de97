/**
 * Fault: a damaged card's hand-in left `unknown` could not be settled. A replacement cut short
 * between its old card's capture intent and its outcome, on a reader whose count cannot tell
 * (the intent counted nothing), is journaled `recovery.oldCard` `unknown` at boot and left for
 * field staff; the journaled decision stands at every later boot (b3dbace), so with no road for
 * staff's verdict the transaction stayed open, the kiosk out of service, asked at every boot. Now
 * recovery lists it for staff (`recovery.needsStaff`) and the supervisor's verdict is journaled as
 * the old card's decision, the reader's count recorded, and the card making recovered and closed.
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
import type { OldCardWhereabouts } from '../journeys/old-card-staff-settlement.js';
import { pendingCardMakings } from '../maintenance/pending-card-makings.js';
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

async function handInLeftUnknown() {
  const dir = mkdtempSync(join(tmpdir(), 'kiosk-old-card-verdict-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  const statePath = join(dir, 'card-reader.json');
  // the old card gone from the reader, the capture bin at 4: the intent counted nothing to tell by
  const state = { format: 1, position: 'none', cardId: null, captured: ['zhang'], captureBinCount: 4 };
  writeFileSync(statePath, JSON.stringify(state));
  const db = new DataSource(sqliteJournalOptions(join(dir, 'journal.sqlite')));
  await db.initialize();
  cleanups.push(() => db.destroy());
  const journal = new JournalService(db, {
    kiosk: { id: 'JZ-0001' },
    journal: { retentionDays: 30 },
  } as KioskConfig);
  await journal.onModuleInit();
  const tx = await journal.openTransaction('s-r', 'replaceCard');
  await journal.sealPersonalData(tx, 'idNumber', '410105199001011234');
  await journal.recordStep(tx, OLD_CARD_CAPTURE, 'intent', { chip: 'read', card: 'H41******777' });
  const told: string[] = [];
  const issuance = {
    reportIssuance: async (no: string, r: { outcome: string }) => told.push(`${no} ${r.outcome}`),
  } as unknown as IssuanceHostService;
  const host = { authorisedWithdrawals: async () => [] } as unknown as HostService;
  const dispenser = new CashDispenserEmulator();
  await dispenser.open();
  cleanups.push(() => dispenser.close());

  /** One start of the daemon; `staff`: a supervisor's verdict given after recovery, in that run. */
  const boot = async (staff?: OldCardWhereabouts) => {
    const reader = new EmulatedCardReader({
      today: new Date('2026-11-26'),
      captureBin: { capacity: 50 },
      stateFile: cardReaderStateFile(statePath),
    });
    await reader.open();
    const devices = {
      cardReader: reader,
      cardPrinter: printer,
      cashDispenser: dispenser,
      statuses: (): DeviceStatus[] => [reader.status(), printer.status(), dispenser.status()],
      onAnyStatus: () => () => undefined,
    } as unknown as DevicesService;
    const recovery = new SessionRecoveryService(devices, journal, host, issuance);
    const coded = (e: { code?: string; message?: string }) => e.code ?? e.message;
    try {
      const outcome = await recovery.recoverUnfinished().then(() => 'recovered', coded);
      const verdict = staff
        ? await recovery.settleOldCardByStaff(tx, staff, 'S-7').then((r) => r.outcome, coded)
        : undefined;
      return { outcome, verdict };
    } finally {
      recovery.onApplicationShutdown();
      await reader.close();
    }
  };
  const decisions = async () =>
    (await journal.stepsOf(tx))
      .filter((s) => s.step === 'recovery.oldCard')
      .map((s) => JSON.parse(s.detail!));
  const open = async () => (await journal.openTransactions()).map((t) => t.id);
  return { journal, tx, boot, decisions, open, told };
}

describe('a damaged card’s hand-in left unknown at boot', () => {
  it('old card hand-in left unknown: settled by a staff verdict, not asked again at the next boot', async () => {
    const k = await handInLeftUnknown();

    // the first start: where the card went is unknown, left for staff, listed with its masked number
    expect(await k.boot()).toEqual({ outcome: 'CARD_MAKING_UNDECIDED', verdict: undefined });
    expect(await k.decisions()).toEqual([{ where: 'unknown' }]);
    const listed = await pendingCardMakings(k.journal, printer as never);
    expect(listed.map((p) => [p.transactionId, p.oldCard])).toEqual([[k.tx, { card: 'H41******777' }]]);

    // the second start: still for staff; the supervisor finds it in the capture bin
    expect(await k.boot('inCaptureBin')).toEqual({ outcome: 'CARD_MAKING_UNDECIDED', verdict: 'closed' });
    expect(await k.decisions()).toEqual([
      { where: 'unknown' },
      { where: 'captured', verdict: 'inCaptureBin', staff: 'S-7', captureBin: 4 },
    ]);
    expect(await k.open()).toEqual([]);
    expect((await k.journal.counters.latestCounters()).cardReader?.counters.captureBin).toBe(4);
    expect(await pendingCardMakings(k.journal, printer as never)).toEqual([]);

    // the next start: nothing to recover, nothing asked again, the host told nothing of it
    expect(await k.boot()).toEqual({ outcome: 'recovered', verdict: undefined });
    expect(await k.decisions()).toHaveLength(2);
    expect(k.told).toEqual([]);
  });

  it('old card verdict once the card making closed: any verdict refused, nothing journaled again', async () => {
    const k = await handInLeftUnknown();
    expect((await k.boot('givenBack')).verdict).toBe('closed');
    expect((await k.boot('inCaptureBin')).verdict).toBe('MAINTENANCE_ALREADY_SETTLED');
    expect((await k.boot('givenBack')).verdict).toBe('MAINTENANCE_ALREADY_SETTLED');
    expect(await k.decisions()).toEqual([
      { where: 'unknown' },
      { where: 'givenBack', verdict: 'givenBack', staff: 'S-7' },
    ]);
  });

  it('old card verdict for a card recovery decided itself is refused', async () => {
    const k = await handInLeftUnknown();
    await k.journal.recordStep(k.tx, 'recovery.oldCard', 'event', { where: 'captured', captureBin: 4 });
    expect((await k.boot('notFound')).verdict).toBe('SESSION_NOT_FOUND');
  });
});
