/** Test support for session specs: a resident's card, the input, and fakes for every actor. */
import { CheckCardFake } from './check-card-fake.js';
import {
  DEFAULT_CARD_MOVE_TIMEOUT_MS,
  DEFAULT_CARD_TAKE_MS,
  DEFAULT_STEP_MS,
  DEFAULT_WARN_MS,
  DEMO_RESIDENTS,
} from '@kiosk/domain';
import type { Journey } from '@kiosk/domain';
import { createActor, SimulatedClock, waitFor } from 'xstate';
import { sessionMachine } from '../session/session.machine.js';
import type {
  Balance,
  CardStep,
  CardSummary,
  PinVerdict,
  SessionIdInput,
  SessionInput,
  SessionTimeouts,
} from '../session/session.types.js';
import { PendingActor } from './pending-actor.js';

const zhang = DEMO_RESIDENTS[0];
if (!zhang) throw new Error('demo residents missing');

export const ZHANG_CARD: CardSummary = {
  cardNumber: zhang.cardNumber,
  name: zhang.name,
  idNumber: zhang.idNumber,
  expiryDate: '2030-06-01',
  regionCode: '410800',
};

export const BALANCE: Balance = { amountFen: 356_780, asOf: '2026-11-26T19:30:00.000Z' };

/** the rules' waits, as every shipped profile says them (`timeouts.stepMs`, `warnMs`, `cardTakeMs`) */
export const STEP_MS = DEFAULT_STEP_MS;
export const WARN_MS = DEFAULT_WARN_MS;
export const CARD_TAKE_MS = DEFAULT_CARD_TAKE_MS;
/** the card reader's bound of a card move (the default `devices.cardReader.moveTimeoutMs`) */
export const CARD_MOVE_MS = DEFAULT_CARD_MOVE_TIMEOUT_MS;

export function sessionInput(
  now: () => number,
  journeysOffered: readonly Journey[] = ['balance'],
  timeouts: Partial<SessionTimeouts> = {},
): SessionInput {
  return {
    sessionId: 'session-1',
    timeouts: {
      stepMs: STEP_MS,
      warnMs: WARN_MS,
      cardTakeMs: CARD_TAKE_MS,
      cardMoveMs: CARD_MOVE_MS,
      ...timeouts,
    },
    pinLength: 6,
    journeysOffered,
    now,
  };
}

/**
 * A session actor on a simulated clock, every device and the host answering when told;
 * `readerCaptures`: the card reader's capture capability (absent: it captures).
 */
export function startSession(
  journeysOffered: readonly Journey[] = ['balance'],
  timeouts: Partial<SessionTimeouts> = {},
  readerCaptures?: () => boolean,
) {
  const clock = new SimulatedClock();
  const readCard = new PendingActor<CardSummary, SessionIdInput & { journey: Journey }>();
  const verifyPin = new PendingActor<PinVerdict, SessionIdInput & { length: number }>();
  const queryBalance = new PendingActor<Balance, SessionIdInput & { cardNumber: string; idNumber: string }>();
  const ejectCard = new PendingActor<void, SessionIdInput>();
  const retractCard = new PendingActor<void, SessionIdInput>();
  const accountForCard = new PendingActor<void, SessionIdInput & { act: CardStep }>();
  const leaveCardInSlot = new PendingActor<void, SessionIdInput>();
  const checkCard = new CheckCardFake();
  const machine = sessionMachine.provide({
    actors: {
      readCard: readCard.logic,
      verifyPin: verifyPin.logic,
      queryBalance: queryBalance.logic,
      checkCard: checkCard.logic,
      ejectCard: ejectCard.logic,
      retractCard: retractCard.logic,
      accountForCard: accountForCard.logic,
      leaveCardInSlot: leaveCardInSlot.logic,
    },
  });
  const actor = createActor(machine, {
    input: {
      ...sessionInput(() => clock.now(), journeysOffered, timeouts),
      ...(readerCaptures ? { readerCaptures } : {}),
    },
    clock,
  });
  actor.start();
  return {
    actor,
    clock,
    readCard,
    verifyPin,
    queryBalance,
    checkCard,
    ejectCard,
    retractCard,
    accountForCard,
    leaveCardInSlot,
  };
}

export type SessionHarness = ReturnType<typeof startSession>;

export async function reachEnterPin(h: SessionHarness): Promise<void> {
  h.actor.send({ type: 'SELECT_JOURNEY', journey: 'balance' });
  h.actor.send({ type: 'CARD_INSERTED' });
  h.readCard.last.resolve(ZHANG_CARD);
  await waitFor(h.actor, (s) => s.matches({ cardIn: 'enterPin' }));
}

export async function reachShowBalance(h: SessionHarness): Promise<void> {
  await reachEnterPin(h);
  h.verifyPin.last.resolve({ result: 'ok' });
  await waitFor(h.actor, (s) => s.matches({ cardIn: 'queryingBalance' }));
  h.queryBalance.last.resolve(BALANCE);
  await waitFor(h.actor, (s) => s.matches({ cardIn: 'showBalance' }));
}

/** From a state that ejects the card: the card reaches the slot and the resident takes it. */
export async function ejectAndTake(h: SessionHarness): Promise<void> {
  await waitFor(h.actor, (s) => s.matches('ejectingCard'));
  h.ejectCard.last.resolve();
  await waitFor(h.actor, (s) => s.matches('takeCard'));
  h.actor.send({ type: 'CARD_TAKEN' });
}
