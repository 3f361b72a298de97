/**
 * What the specs of a withdrawal's card-log record share: the emulated card reader with a demo
 * resident's card inside, read and its PIN verified (as the session leaves it before a
 * withdrawal), the dispenser emulator, and the withdrawal journey as the daemon provides it with
 * that reader, in one session whose scope holds the card read; the host's acts answer at once
 * (hold `auth-1`, the confirm counted). `takeCash` drives it to the cash taken and the journey done.
 */
import { afterEach } from '@jest/globals';
import type { KioskConfig } from '@kiosk/config';
import {
  CashDispenserEmulator,
  EmulatedCardReader,
  EscposPrinterDriver,
  EscposPrinterEmulator,
  SecurePin,
  type CardReaderPort,
  type ReceiptPrinterPort,
  tcpPrinterConnector,
  type SocialSecurityCardData,
} from '@kiosk/device-drivers';
import { demoResident, ErrorCode, KioskError } from '@kiosk/domain';
import { toPromise, waitFor } from 'xstate';
import type { HostService } from '../host/host.service.js';
import { notesAtSlot, withdrawalInSession } from './withdrawal-daemon-actors.spec-support.js';
import type { WithdrawalJourneyDeps } from './withdrawal-journey.js';

export const KIOSK_ID = 'JZ-0001';
export const TIME_ZONE = 'Asia/Shanghai';

let opened: { close(): Promise<void> }[] = [];
afterEach(async () => {
  for (const device of opened.reverse()) await device.close();
  opened = [];
});

/** The reader with `cardId`'s card inside, `extra` records logged on it first, read and PIN verified. */
export async function cardInReader(cardId = 'zhang', extra = 0) {
  const reader = new EmulatedCardReader({ today: new Date('2026-11-26') });
  await reader.open();
  opened.push(reader);
  await reader.insertCard(cardId);
  const pin = () => SecurePin.fromKeys([...demoResident(cardId)!.cardPin].map(Number));
  const verify = async () => expect(await reader.verifyPin(pin())).toEqual({ result: 'ok' });
  await reader.readCard();
  await verify();
  const filler = { kind: 'Q', amountFen: 0, terminalId: 'JZ0002', at: new Date('2026-11-01T02:00:00Z') };
  for (let i = 0; i < extra; i += 1) await reader.logTransaction(filler);
  const card = await reader.readCard();
  return { reader, card, verify };
}

/** The ESC/POS driver on the printer emulator over TCP; `cut` holds the receipts the printer cut. */
export async function receiptPrinter() {
  const emulator = new EscposPrinterEmulator({ msPerLine: 0 });
  const { host, port } = await emulator.listen(0);
  opened.push(emulator);
  const driver = new EscposPrinterDriver({
    connect: tcpPrinterConnector(host, port),
    idlePollMs: 0,
    statusTimeoutMs: 3_000,
  });
  await driver.open();
  opened.push(driver);
  const cut: unknown[] = [];
  emulator.on('receipt', (receipt: unknown) => cut.push(receipt));
  return { emulator, driver, cut };
}

/** The chip's records of kind W and its unprinted count, read with the card's PIN. */
export async function withdrawalsOnChip(reader: EmulatedCardReader, verify: () => Promise<void>) {
  await verify();
  const log = await reader.readTransactions();
  return {
    records: log.filter((r) => r.kind === 'W'),
    unprinted: (await reader.readCard()).recordsUnprinted,
  };
}

/**
 * The withdrawal journey of session `s-1` on the spec's reader (`cardReader`, maybe a stand-in
 * around it) with `card` read in the session; the host's confirms counted. `hostSilent`: the
 * confirm does not answer (HOST_TIMEOUT), left to the background tries (`owed`, the steps owed).
 * `printer`: the receipt printer the receipt is asked of (none given: no receipt possible).
 */
export async function withdrawalWithCard(
  cardReader: CardReaderPort,
  card: SocialSecurityCardData,
  options: { readonly hostSilent?: boolean; readonly printer?: ReceiptPrinterPort } = {},
) {
  const dispenser = new CashDispenserEmulator();
  await dispenser.open();
  opened.push(dispenser);
  const confirms: string[] = [];
  const owed: string[] = [];
  const host = {
    confirmWithdrawal: async (authorisationId: string) => {
      confirms.push(authorisationId);
      if (options.hostSilent) throw new KioskError(ErrorCode.HOST_TIMEOUT, 'The host did not answer.');
      return { status: 'paid', balanceAfterFen: 326_780 };
    },
  } as unknown as HostService;
  const retries = {
    drained: () => Promise.resolve(true),
    retryLater: async (_serial: string, _error: unknown, owe: { step: string }) => {
      owed.push(owe.step);
    },
  } as unknown as WithdrawalJourneyDeps['retries'];
  const config = {
    host: { timeoutMs: 5_000 },
    kiosk: { id: KIOSK_ID, timeZone: TIME_ZONE },
    card: { recordsUntilPrintRequired: 60 },
  } as KioskConfig;
  const { printer } = options;
  const w = await withdrawalInSession(dispenser, {
    deps: { host, config, cardReader, retries, ...(printer ? { printer } : {}) },
    card,
    receiptAvailable: printer !== undefined,
  });
  const { actor } = w;
  /** the journey run to its end: the amount chosen, the notes taken, the withdrawal finished */
  const takeCash = async () => {
    const output = toPromise(actor);
    await notesAtSlot(w);
    actor.send({ type: 'CASH_TAKEN' });
    await waitFor(actor, (s) => s.matches('withdrawn'));
    actor.send({ type: 'FINISH' });
    return output;
  };
  const detail = async (step: string, phase: string) =>
    (await w.detail(step, phase)) as Record<string, unknown>;
  return { ...w, confirms, owed, detail, takeCash };
}
