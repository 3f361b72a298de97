import type { KioskConfig } from '@kiosk/config';
import { kioskDayOf, maskCardNumber } from '@kiosk/domain';
import { reportLossMachine, type ReportLossMachine } from '@kiosk/state-machines';
import { fromPromise } from 'xstate';
import type { HostService } from '../host/host.service.js';
import type { ScopeOf } from './session-scope.js';

/**
 * A temporary loss report, made by ID card and face without the card: the host freezes the card.
 * A card reported lost already is offered to be unfrozen instead (the resident found it again).
 * Whether and when the loss lapses back to active is the host's (RULES.md, policy): the resident
 * is told the day it answered, in the kiosk's zone, and no day when it answered none.
 */
export function provideReportLossJourney(
  host: HostService,
  config: Pick<KioskConfig, 'kiosk'>,
  scopeOf: ScopeOf,
): ReportLossMachine {
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
          () => host.reportTemporaryLoss(input.cardNumber, input.idNumber, tools.transactionId, signal),
          { card: maskCardNumber(input.cardNumber) },
        );
        const lapsesAt = answer.temporaryLossLapsesAt;
        return lapsesAt === null ? {} : { lapsesOn: kioskDayOf(new Date(lapsesAt), config.kiosk.timeZone) };
      }),
      unfreezeCard: fromPromise(async ({ input, signal, system }) => {
        const { tools } = scopeOf(system);
        await tools.irreversible(
          'host.unfreeze',
          () => host.unfreeze(input.cardNumber, input.idNumber, tools.transactionId, signal),
          { card: maskCardNumber(input.cardNumber) },
        );
      }),
    },
  });
}
