import { maskCardNumber } from '@kiosk/domain';
import { reportLossMachine, type ReportLossMachine } from '@kiosk/state-machines';
import { fromPromise } from 'xstate';
import type { HostService } from '../host/host.service.js';
import type { ScopeOf } from './session-scope.js';

/**
 * A temporary loss report, made by ID card and face without the card: the host freezes the card.
 * A card reported lost already is offered to be unfrozen instead (the resident found it again).
 */
export function provideReportLossJourney(host: HostService, scopeOf: ScopeOf): ReportLossMachine {
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
        return { lapsesOn: (answer.temporaryLossLapsesAt ?? answer.stateChangedAt).slice(0, 10) };
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
