/**
 * Fault: boot recovery stopped at a card it could not capture. A card left inside the reader by a
 * cut-short session is captured at boot (`recovery.card.retract`); when the reader refused the
 * capture (capture bin full, DEVICE_BIN_FULL) or failed it (offline, DEVICE_OFFLINE; the move past
 * its own bound, DEVICE_TIMEOUT), recovery threw at once: the other cut-short transactions (a
 * withdrawal whose presented notes must be retracted and reversed, a card making to report, a QR
 * fee order to close) were left open for staff, the host kept holding the money, and the card was
 * journaled nowhere but in the failed retract. Now the card is accounted for where it is
 * (`card.unaccounted`, its number masked, for staff), it stays in the reader (not handed back to
 * whoever stands at the slot), the kiosk is told so (CARD_LEFT_IN_READER: nothing that takes a card
 * into the reader is offered), and every transaction is recovered, once.
 *
 * The real journal in a SQLite file, the emulated reader keeping its card in `card-reader.json`
 * beside it (as the daemon's does across a restart), the emulated dispenser, a host that counts
 * what it is asked.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from '@jest/globals';
import type { KioskConfig } from '@kiosk/config';
import { CashDispenserEmulator, EmulatedCardReader, cardReaderStateFile } from '@kiosk/device-drivers';
import { DEMO_RESIDENTS, maskCardNumber, type DeviceStatus } from '@kiosk/domain';
import type { WithdrawalView } from '@kiosk/host-simulator/contract';
import type { DevicesService } from '../devices/devices.service.js';
import type { HostService } from '../host/host.service.js';
import type { IssuanceHostService } from '../host/issuance-host.service.js';
import { sqliteJournalOptions } from '../journal/journal.data-source.js';
import { JournalService } from '../journal/journal.service.js';
import { DataSource } from '../journal/typeorm-runtime.js';
import { cardGonePrinter } from '../journeys/card-gone-printer.spec-support.js';
import { SessionRecoveryService } from './session-recovery.service.js';
import { SlotCardRecovery } from './slot-card-recovery.js';

const zhang = DEMO_RESIDENTS.find((r) => r.key === 'zhang')!;
const CAPACITY = 50;

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A host holding one withdrawal of 200 yuan under `serial`, settling it as the simulator does. */
function countingHost(serial: string) {
  let w: WithdrawalView = {
    authorisationId: 'W00000001',
    cardNumber: 'H41080000102',
    transactionSerial: serial,
    status: 'authorised',
    amountFen: 20_000,
    heldFen: 20_000,
    paidFen: 0,
    reversedFen: 0,
    balanceAfterFen: 1_000_000,
    authorisedAt: '2026-11-26T02:00:00.000Z',
    settledAt: null,
  };
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
async function cutShortWithCardInside(bin: number) {
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
  const db = new DataSource(sqliteJournalOptions(join(dir, 'journal.sqlite')));
  await db.initialize();
  cleanups.push(() => db.destroy());
  const journal = new JournalService(db, {
    kiosk: { id: 'JZ-0001' },
    journal: { retentionDays: 30 },
  } as KioskConfig);
  await journal.onModuleInit();

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
  const printer = cardGonePrinter(39, 0);
  /**
   * One start of the daemon: the reader made from its state file (`fault` set on it, or its moves
   * bounded below the motor's travel), recovery run with the slot-card service, which is waited for.
   * `visit`: field staff came before it (their visit journaled, the capture bin emptied).
   */
  const boot = async (options: { fault?: 'offline'; slowMotor?: true; visit?: true } = {}) => {
    const reader = new EmulatedCardReader({
      today: new Date('2026-11-26'),
      captureBin: { capacity: CAPACITY },
      stateFile: cardReaderStateFile(statePath),
      ...(options.slowMotor ? { moveTimeoutMs: 20, motorMs: 200 } : {}),
    });
    await reader.open();
    if (options.fault) reader.setFault(options.fault);
    if (options.visit) {
      const visit = await journal.openTransaction('v1', 'maintenance');
      await journal.recordStep(visit, 'maintenance.login', 'done', { staffId: 'E001' });
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
      };
    } finally {
      slotCard.onApplicationShutdown();
      recovery.onApplicationShutdown();
      await reader.close();
    }
  };
  const steps = async (tx: string) => (await journal.stepsOf(tx)).map((s) => `${s.step}:${s.phase}`);
  return { journal, dispenser, host, boot, steps, withdrawal, cardMaking, fee, balance };
}

describe('a card boot recovery cannot capture', () => {
  it.each([
    ['the capture bin full', CAPACITY, undefined, 'DEVICE_BIN_FULL'],
    ['the card reader offline', 0, 'offline' as const, 'DEVICE_OFFLINE'],
  ])(
    'card not captured at boot (%s): accounted for in the reader, every other transaction recovered once',
    async (_what, bin, fault, code) => {
      const k = await cutShortWithCardInside(bin);
      const { report, cardLeft, slot, where } = await k.boot({ fault });

      // every transaction recovered and closed; the money reversed once, the notes retracted
      expect(report).toMatchObject({
        recovered: 4,
        cardsCaptured: 0,
        cardsLeftForStaff: 1,
        withdrawalsSettled: 1,
      });
      expect(await k.journal.openTransactions()).toEqual([]);
      expect(k.host.calls.sort()).toEqual(['close P1', 'report A1 issued', 'reverse 20000']);
      expect(k.host.withdrawal()).toMatchObject({ status: 'reversed', heldFen: 0, paidFen: 0 });
      // the two 100-yuan notes left in the presenter: retracted into the retract bin
      expect(k.dispenser.status().supplies.find((s) => s.name === 'retractBin')?.count).toBe(2);

      // the card: still in the reader (not handed back at the slot), accounted for (masked) for
      // staff, the kiosk told
      expect(where).toBe('inReader');
      expect(slot).toBe('none');
      expect(cardLeft).toEqual(['CARD_LEFT_IN_READER']);
      const steps = await k.journal.stepsOf(k.balance);
      const unaccounted = steps.filter((s) => s.step === 'card.unaccounted');
      expect(unaccounted).toHaveLength(1);
      expect(JSON.parse(unaccounted[0]!.detail!)).toEqual({
        after: 'retract',
        readerSays: 'inReader',
        code,
        card: maskCardNumber(zhang.cardNumber),
        forStaff: true,
      });
      expect(unaccounted[0]!.detail).not.toContain(zhang.cardNumber);
      expect(await k.steps(k.balance)).toEqual([
        'card.read:event',
        'recovery.found:event',
        'recovery.card.retract:intent',
        'recovery.card.retract:failed',
        'card.unaccounted:event',
      ]);
      // the card's own transaction (the newest) accounts for it, once: no other one tries the capture
      for (const tx of [k.withdrawal, k.cardMaking, k.fee]) {
        expect(
          (await k.steps(tx)).filter((s) => s.startsWith('recovery.card') || s.startsWith('card.un')),
        ).toEqual([]);
      }

      // the next start before staff came (the card still inside, nothing open): nothing settled
      // twice, the card kept for staff and the kiosk told again, not handed back
      const again = await k.boot({ fault });
      expect(again.report).toMatchObject({ recovered: 0, withdrawalsSettled: 0, cardsLeftForStaff: 1 });
      expect(again).toMatchObject({ cardLeft: ['CARD_LEFT_IN_READER'], slot: 'none', where: 'inReader' });
      expect(k.host.calls).toHaveLength(3);

      // a visit ended (the bin emptied, the reader back): its self test hands the card to staff at
      // the slot, captured into the emptied bin when nobody takes it
      const visited = await k.boot({ visit: true });
      expect(visited.report).toMatchObject({ recovered: 0, cardsLeftForStaff: 0 });
      expect(visited).toMatchObject({ cardLeft: [], slot: 'retracted', where: 'captured' });
      expect(k.host.calls).toHaveLength(3);
    },
  );

  it('card not captured at boot (its move past the reader’s bound): accounted for, the others recovered', async () => {
    const k = await cutShortWithCardInside(0);
    // the motor slower than the reader's bound of one move: the retract ends DEVICE_TIMEOUT
    const { report, where } = await k.boot({ slowMotor: true });
    expect(report).toMatchObject({
      recovered: 4,
      cardsCaptured: 0,
      cardsLeftForStaff: 1,
      withdrawalsSettled: 1,
    });
    expect(await k.journal.openTransactions()).toEqual([]);
    expect(where).toBe('inReader');
    const unaccounted = (await k.journal.stepsOf(k.balance)).find((s) => s.step === 'card.unaccounted');
    expect(JSON.parse(unaccounted!.detail!)).toMatchObject({
      after: 'retract',
      code: 'DEVICE_TIMEOUT',
      forStaff: true,
    });
  });
});
