/**
 * The kiosk of the card-not-captured-at-boot specs: a power cut left zhang's card inside the
 * reader and three other transactions open. The real journal in a SQLite file, the emulated reader
 * keeping its card, capture bin and jam in `card-reader.json` beside it (as the daemon's does across
 * a restart), the emulated dispenser, a host that counts what it is asked.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { KioskConfig } from '@kiosk/config';
import { CashDispenserEmulator, EmulatedCardReader, cardReaderStateFile } from '@kiosk/device-drivers';
import { DEMO_RESIDENTS, ErrorCode, maskCardNumber, type DeviceStatus } from '@kiosk/domain';
import type { WithdrawalView } from '@kiosk/host-simulator/contract';
import type { DevicesService } from '../devices/devices.service.js';
import type { HostService } from '../host/host.service.js';
import type { IssuanceHostService } from '../host/issuance-host.service.js';
import { openJournalInFolder } from '../journal/memory-journal.spec-support.js';
import { cardGonePrinter } from '../journeys/card-gone-printer.spec-support.js';
import { heldWithdrawal } from './held-withdrawal.spec-support.js';
import { SessionRecoveryService } from './session-recovery.service.js';
import { SlotCardRecovery } from './slot-card-recovery.js';

const zhang = DEMO_RESIDENTS.find((r) => r.key === 'zhang')!;
export const CAPACITY = 50;

const cleanups: (() => Promise<void> | void)[] = [];
/** Removes what the kiosks made here hold (their folder, journal, dispenser): each spec's afterEach. */
export async function runCleanups(): Promise<void> {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
}

/** A host holding one withdrawal of 200 yuan under `serial`, settling it as the simulator does. */
function countingHost(serial: string) {
  let w: WithdrawalView = heldWithdrawal(serial);
  const calls: string[] = [];
  const host = {
    withdrawalByKey: async (key: string) => (key === serial ? w : undefined),
    authorisedWithdrawals: async () => (w.heldFen > 0 ? [w] : []),
    confirmWithdrawal: async () => {
      calls.push('confirm');
      w = { ...w, status: 'confirmed', paidFen: w.heldFen, heldFen: 0 };
      return w;
    },
    reverseWithdrawal: async (_id: string, _serial: string, r: { amountFen?: number }) => {
      calls.push(`reverse ${r.amountFen}`);
      const amount = r.amountFen ?? w.heldFen;
      w = { ...w, heldFen: w.heldFen - amount, reversedFen: w.reversedFen + amount, status: 'reversed' };
      return w;
    },
  };
  const issuance = {
    reportIssuance: async (applicationNo: string, report: { outcome: string }) => {
      calls.push(`report ${applicationNo} ${report.outcome}`);
      return {};
    },
    closeQrPayment: async (paymentId: string) => {
      calls.push(`close ${paymentId}`);
      return { paymentId, status: 'closed', amountFen: 2_000 };
    },
  };
  return {
    host: host as unknown as HostService,
    issuance: issuance as unknown as IssuanceHostService,
    calls,
    withdrawal: () => w,
  };
}

/**
 * The kiosk as a power cut left it: zhang's balance cut short with the card inside the reader (its
 * capture bin full: `bin` cards of 50), and beside it, left open by an earlier boot, a withdrawal
 * whose 200 yuan wait in the presenter, a card making whose card was presented and a replacement
 * whose QR fee order is open. Each `boot()` is one start of the daemon on the same folder.
 */
export async function cutShortWithCardInside(bin: number) {
  const dir = mkdtempSync(join(tmpdir(), 'kiosk-card-not-captured-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  const statePath = join(dir, 'card-reader.json');
  writeFileSync(
    statePath,
    JSON.stringify({
      format: 1,
      position: 'inReader',
      cardId: zhang.key,
      captured: [],
      captureBinCount: bin,
    }),
  );
  const { db, journal } = await openJournalInFolder(dir);
  cleanups.push(() => db.destroy());

  const withdrawal = await journal.openTransaction('s-w', 'withdraw');
  await journal.recordStep(withdrawal, 'card.read', 'event', { card: 'H41******102' });
  await journal.recordStep(withdrawal, 'withdrawal.authorise', 'intent', { amountFen: 20_000 });
  await journal.recordStep(withdrawal, 'withdrawal.authorise', 'done');
  const dispenser = new CashDispenserEmulator();
  await dispenser.open();
  cleanups.push(() => dispenser.close());
  await journal.recordStep(withdrawal, 'cash.dispense', 'intent', {
    amountFen: 20_000,
    cassettesBefore: 'upper=200,lower=200',
    retractBinBefore: 0,
  });
  await dispenser.dispense(20_000);
  await dispenser.present();
  const cardMaking = await journal.openTransaction('s-c', 'issueCard');
  await journal.sealPersonalData(cardMaking, 'cardNumber', 'H41080000777');
  await journal.recordStep(cardMaking, 'issuance.order', 'event', { applicationNo: 'A1', attempt: 1 });
  for (const step of ['card.feed', 'card.present']) {
    await journal.recordStep(cardMaking, step, 'intent');
    await journal.recordStep(cardMaking, step, 'done');
  }
  const fee = await journal.openTransaction('s-f', 'replaceCard');
  await journal.recordStep(fee, 'fee.qr', 'intent', { attempt: 1, applicationNo: 'R1' });
  await journal.recordStep(fee, 'fee.order', 'event', { attempt: 1, paymentId: 'P1' });
  const balance = await journal.openTransaction('s-b', 'balance');
  await journal.recordStep(balance, 'card.read', 'event', { card: maskCardNumber(zhang.cardNumber) });

  const host = countingHost(withdrawal);
  let visits = 0;
  /** the reader of one run of the daemon, made from its state file as the daemon makes it */
  const readerOfThisRun = async (slowMotor?: true) => {
    const reader = new EmulatedCardReader({
      today: new Date('2026-11-26'),
      captureBin: { capacity: CAPACITY },
      stateFile: cardReaderStateFile(statePath),
      ...(slowMotor ? { moveTimeoutMs: 20, motorMs: 200 } : {}),
    });
    await reader.open();
    return reader;
  };
  const printer = cardGonePrinter(39, 0);
  /**
   * One start of the daemon: the reader made from its state file (`fault` set on it, or its moves
   * bounded below the motor's travel), recovery run with the slot-card service, which is waited for.
   * `visit`: field staff came before it (their visit journaled, a jammed reader freed, the capture
   * bin emptied).
   */
  const boot = async (options: { fault?: 'offline'; slowMotor?: true; visit?: true } = {}) => {
    const reader = await readerOfThisRun(options.slowMotor);
    if (options.fault) reader.setFault(options.fault);
    if (options.visit) {
      const visit = await journal.openTransaction(`v${++visits}`, 'maintenance');
      await journal.recordStep(visit, 'maintenance.login', 'done', { staffId: 'E001' });
      // a jammed reader: staff open it, take the card out, free the mechanism and clear the fault
      if (reader.status().fault?.code === ErrorCode.CARD_READER_JAM) {
        await reader.pullCard();
        reader.setFault(null);
        await reader.selfTest();
      }
      reader.emptyCaptureBin();
      await journal.recordStep(visit, 'maintenance.logout', 'done', { why: 'staff' });
      await journal.closeTransaction(visit, 'done', null);
    }
    const devices = {
      cardReader: reader,
      cashDispenser: dispenser,
      cardPrinter: printer,
      statuses: (): DeviceStatus[] => [reader.status(), printer.status(), dispenser.status()],
      onAnyStatus: () => () => undefined,
    } as unknown as DevicesService;
    const config = { timeouts: { cardTakeMs: 50 } } as KioskConfig;
    const slotCard = new SlotCardRecovery(devices, journal, config);
    const recovery = new SessionRecoveryService(
      devices,
      journal,
      host.host,
      host.issuance,
      undefined,
      undefined,
      slotCard,
    );
    const cardLeft: string[] = [];
    recovery.onCardLeftForStaff(() => cardLeft.push('CARD_LEFT_IN_READER'));
    try {
      const report = await recovery.recoverUnfinished();
      const slot = await slotCard.outcome();
      return {
        report,
        cardLeft,
        slot,
        where: reader.listCards().find((c) => c.cardId === zhang.key)?.location,
        status: reader.status(),
      };
    } finally {
      slotCard.onApplicationShutdown();
      recovery.onApplicationShutdown();
      await reader.close();
    }
  };
  const steps = async (tx: string) => (await journal.stepsOf(tx)).map((s) => `${s.step}:${s.phase}`);
  return { journal, dispenser, host, boot, readerOfThisRun, steps, withdrawal, cardMaking, fee, balance };
}
