/** Test support: an issuance actor on a simulated clock with every device and host call pending. */
import {
  DEFAULT_CARD_MAKING_MS,
  DEFAULT_CARD_TAKE_MS,
  DEFAULT_FEE_PAYMENT_MS,
  DEFAULT_STEP_MS,
  DEFAULT_WARN_MS,
} from '@kiosk/domain';
import { SimulatedClock, createActor } from 'xstate';
import { issueCardMachine } from '../journeys/issue-card/issue-card.machine.js';
import { ISSUE_CARD_ACTOR_NAMES } from '../journeys/issue-card/issue-card.types.js';
import type {
  IssueCardActorContracts as C,
  IssueCardInput,
  IssueKind,
} from '../journeys/issue-card/issue-card.types.js';
import { PendingActor } from './pending-actor.js';

/** the rules' step and card-take waits, as every shipped profile says them */
export const STEP_MS = DEFAULT_STEP_MS;
/** the machine's own defaults: the harness gives it no making or payment time */
export const MAKE_MS = DEFAULT_CARD_MAKING_MS;
export const PAY_MS = DEFAULT_FEE_PAYMENT_MS;
export const TAKE_MS = DEFAULT_CARD_TAKE_MS;

export function issueInput(now: () => number, kind: IssueKind = 'new'): IssueCardInput {
  return {
    sessionId: 's-1',
    timeouts: { stepMs: STEP_MS, warnMs: DEFAULT_WARN_MS },
    now,
    kind,
    idNumber: '410802198003151310',
    cardTakeMs: TAKE_MS,
  };
}

export type IssueFakes = { [K in keyof C]: PendingActor<C[K]['output'], C[K]['input']> };

export function startIssue(kind: IssueKind = 'new', extra: Partial<IssueCardInput> = {}) {
  const clock = new SimulatedClock();
  const fakes = Object.fromEntries(
    ISSUE_CARD_ACTOR_NAMES.map((n) => [n, new PendingActor()]),
  ) as unknown as IssueFakes;
  const machine = issueCardMachine.provide({
    actors: {
      checkApplication: fakes.checkApplication.logic,
      awaitOldCard: fakes.awaitOldCard.logic,
      handInOldCard: fakes.handInOldCard.logic,
      payFee: fakes.payFee.logic,
      makeCard: fakes.makeCard.logic,
      rejectBlank: fakes.rejectBlank.logic,
      presentNewCard: fakes.presentNewCard.logic,
      retractNewCard: fakes.retractNewCard.logic,
      reportIssuance: fakes.reportIssuance.logic,
    },
  });
  const actor = createActor(machine, { input: { ...issueInput(() => clock.now(), kind), ...extra }, clock });
  actor.start();
  return { actor, clock, fakes };
}

export type IssueHarness = ReturnType<typeof startIssue>;
