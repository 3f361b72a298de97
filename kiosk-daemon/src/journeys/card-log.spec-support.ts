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
  SecurePin,
  type CardReaderPort,
  type SocialSecurityCardData,
} from '@kiosk/device-drivers';
import { DEFAULT_WARN_MS, demoResident } from '@kiosk/domain';
import { SimulatedClock, createActor, fromPromise, toPromise, waitFor } from 'xstate';
import type { HostService } from '../host/host.service.js';
import { SessionScope } from './session-scope.js';
import {
  AMOUNT,
  BOUNDS,
  CASH_TAKE_MS,
  STEP_MS,
  withdrawalSession,
} from './withdrawal-daemon-actors.spec-support.js';
import { provideWithdrawalJourney } from './withdrawal-journey.js';

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
 * around it) with `card` read in the session; the host's confirms counted.
 */
export async function withdrawalWithCard(cardReader: CardReaderPort, card: SocialSecurityCardData) {
  const dispenser = new CashDispenserEmulator();
  await dispenser.open();
  opened.push(dispenser);
  const { journal, tx, session, scopes, deps } = await withdrawalSession('s-1', dispenser);
  const confirms: string[] = [];
  const reversals: unknown[] = [];
  const host = {
    confirmWithdrawal: async (authorisationId: string) => {
      confirms.push(authorisationId);
      return { status: 'paid', balanceAfterFen: 326_780 };
    },
  } as unknown as HostService;
  const config = {
    host: { timeoutMs: 5_000 },
    kiosk: { id: KIOSK_ID, timeZone: TIME_ZONE },
    card: { recordsUntilPrintRequired: 60 },
  } as KioskConfig;
  const machine = provideWithdrawalJourney({ ...deps, host, config, cardReader }, scopes.of).provide({
    actors: {
      fetchWithdrawalQuota: fromPromise(async () => ({
        balanceFen: 356_780,
        withdrawnTodayFen: 0,
        withdrawalsToday: 0,
      })),
      authoriseWithdrawal: fromPromise(async () => ({ transactionId: 'auth-1' })),
      reverseWithdrawal: fromPromise(async ({ input }) => {
        reversals.push(input);
      }),
    },
  });
  const clock = new SimulatedClock();
  const actor = createActor(machine, {
    clock,
    input: {
      sessionId: 's-1',
      timeouts: { stepMs: STEP_MS, warnMs: DEFAULT_WARN_MS },
      now: () => clock.now(),
      cardNumber: card.cardNumber,
      idNumber: card.idNumber,
      rules: { singleMaxFen: 50_000, dailyMaxFen: 100_000, dailyCountMax: 2, noteFen: 10_000 },
      receiptAvailable: false,
      cashTakeMs: CASH_TAKE_MS,
      cashUnits: () => [{ denominationFen: 10_000, count: 200 }],
      dispenserBounds: BOUNDS,
    },
  });
  const scope = new SessionScope(journal, session);
  scope.card = card;
  scopes.bind(actor.system, scope);
  const stepsOf = async () => journal.stepsOf(tx);
  const steps = async () => (await stepsOf()).map((s) => `${s.step}:${s.phase}`);
  const detail = async (step: string, phase: string): Promise<Record<string, unknown>> =>
    JSON.parse((await stepsOf()).find((s) => s.step === step && s.phase === phase)?.detail ?? 'null');
  /** the journey run to its end: the amount chosen, the notes taken, the withdrawal finished */
  const takeCash = async () => {
    const output = toPromise(actor);
    actor.start();
    await waitFor(actor, (s) => s.matches('chooseAmount'));
    actor.send({ type: 'AMOUNT_CHOSEN', amountFen: AMOUNT });
    await waitFor(actor, (s) => s.matches('takeCash'));
    actor.send({ type: 'CASH_TAKEN' });
    await waitFor(actor, (s) => s.matches('withdrawn'));
    actor.send({ type: 'FINISH' });
    return output;
  };
  return { journal, tx, scope, confirms, reversals, steps, detail, takeCash };
}
