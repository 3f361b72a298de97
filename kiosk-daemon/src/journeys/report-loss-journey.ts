import type { KioskConfig } from '@kiosk/config';
import { kioskDayOf, maskCardNumber } from '@kiosk/domain';
import { reportLossMachine, type ReportLossMachine } from '@kiosk/state-machines';
import { fromPromise } from 'xstate';
import type { HostService } from '../host/host.service.js';
import { byKey, withinStep, type AskedAgainOptions } from './asked-again-by-key.js';
import type { ScopeOf } from './session-scope.js';

/**
 * A temporary loss report, made by ID card and face without the card: the host freezes the card.
 * A card reported lost already is offered to be unfrozen instead (the resident found it again).
 * Whether and when the loss lapses back to active is the host's (RULES.md, policy): the resident
 * is told the day it answered, in the kiosk's zone, and no day when it answered none. A change whose
 * answer was lost (none in time, a 5xx) is asked again by its key (`askedAgain`): the host may have
 * made it, and answers so, or makes it then, once; the resident is never told "not done" of a card
 * the host froze (or unfroze). Only as many tries as answer within the step (`withinStep`): a slow
 * back office is asked fewer times, its last answer the outcome, never the step's timer.
 */
export function provideReportLossJourney(
  host: HostService,
  config: Pick<KioskConfig, 'kiosk' | 'host' | 'timeouts'>,
  scopeOf: ScopeOf,
  askedAgain: AskedAgainOptions = {},
): ReportLossMachine {
  const tries = () => withinStep(askedAgain, config.host.timeoutMs, config.timeouts.stepMs);
  return reportLossMachine.provide({
    actors: {
      listResidentCards: fromPromise(async ({ input, signal }) => {
        const resident = await host.resident(input.idNumber, signal);
        return { cards: resident.cards.map((c) => ({ cardNumber: c.cardNumber, state: c.state })) };
      }),
      reportTemporaryLoss: fromPromise(async ({ input, signal, system }) => {
        const { tools } = scopeOf(system);
        const answer = await tools.irreversible(
          'host.temporaryLoss',
          () =>
            byKey(
              () => host.reportTemporaryLoss(input.cardNumber, input.idNumber, tools.transactionId, signal),
              tries(),
              signal,
            ),
          { card: maskCardNumber(input.cardNumber) },
        );
        const lapsesAt = answer.temporaryLossLapsesAt;
        return lapsesAt === null ? {} : { lapsesOn: kioskDayOf(new Date(lapsesAt), config.kiosk.timeZone) };
      }),
      unfreezeCard: fromPromise(async ({ input, signal, system }) => {
        const { tools } = scopeOf(system);
        await tools.irreversible(
          'host.unfreeze',
          () =>
            byKey(
              () => host.unfreeze(input.cardNumber, input.idNumber, tools.transactionId, signal),
              tries(),
              signal,
            ),
          { card: maskCardNumber(input.cardNumber) },
        );
      }),
    },
  });
}
