/**
 * The withdrawal journey run with its real actors outside the daemon, as the dispenser specs on a
 * pseudo terminal drive it (`retract-after-unknown-dispense-fails`,
 * `withdrawal-retract-while-counting`, the restart rig): li's card and ID number, the journey's
 * scope on the spec's journal and transaction, started up to its amounts and the amount chosen.
 */
import type { KioskConfig } from '@kiosk/config';
import type { CashDispenserPort, ReceiptPrinterPort } from '@kiosk/device-drivers';
import { demoResident } from '@kiosk/domain';
import { eventually } from '@kiosk/domain/testing';
import { createActor } from 'xstate';
import type { HostService } from '../src/host/host.service.js';
import type { JournalService } from '../src/journal/journal.service.js';
import { SessionScope } from '../src/journeys/session-scope.js';
import { provideWithdrawalJourney, type WithdrawalJourneyDeps } from '../src/journeys/withdrawal-journey.js';
import { dispenserBoundsOf } from '../src/sessions/session-input.js';

export const li = demoResident('li')!;

/** What a journey must not call: called, it fails the test. */
export const notExpected = (what: string) => () => {
  throw new Error(`not expected in this journey: ${what}`);
};

export interface WithdrawalRun {
  readonly journal: JournalService;
  readonly transactionId: string;
  readonly host: HostService;
  readonly dispenser: CashDispenserPort;
  readonly config: KioskConfig;
  readonly amountFen: number;
  /** how long the notes wait at the slot before they are retracted */
  readonly cashTakeMs: number;
  /** a release of an unread authorisation (none expected by default) */
  readonly holdRelease?: WithdrawalJourneyDeps['holdRelease'];
  /** the background tries (none expected by default) */
  readonly retries?: WithdrawalJourneyDeps['retries'];
  /** runs at the amount's choice, before it is sent */
  readonly beforeAmount?: () => void;
}

/** The journey started, up to its amounts, the amount chosen: answers the running actor (`toPromise` for its end). */
export async function startWithdrawal(run: WithdrawalRun) {
  const { journal, transactionId, dispenser, config } = run;
  const scope = new SessionScope(journal, { transactionId, locale: () => 'en', send: () => undefined });
  const deps: WithdrawalJourneyDeps = {
    host: run.host,
    dispenser,
    printer: {} as ReceiptPrinterPort,
    config,
    holdRelease: run.holdRelease ?? { releaseUnreadAuthorisation: notExpected('a release') },
    // no PIN outcome of li's card owed to the host by default: the limits and the hold asked at once
    retries: run.retries ?? {
      retryLater: notExpected('a background try'),
      drained: () => Promise.resolve(true),
    },
  };
  const journey = createActor(
    provideWithdrawalJourney(deps, () => scope),
    {
      input: {
        sessionId: 's1',
        timeouts: { stepMs: config.timeouts.stepMs, warnMs: config.timeouts.warnMs },
        now: () => Date.now(),
        cardNumber: li.cardNumber,
        idNumber: li.idNumber,
        rules: { singleMaxFen: 50_000, dailyMaxFen: 100_000, dailyCountMax: 5, noteFen: 5_000 },
        receiptAvailable: false,
        cashTakeMs: run.cashTakeMs,
        cashUnits: () => dispenser.cassettes(),
        dispenserBounds: dispenserBoundsOf(config),
      },
    },
  );
  journey.start();
  await eventually(() => journey.getSnapshot().matches('chooseAmount'), 'the journey at chooseAmount', {
    withinMs: 10_000,
  });
  run.beforeAmount?.();
  journey.send({ type: 'AMOUNT_CHOSEN', amountFen: run.amountFen });
  return journey;
}
