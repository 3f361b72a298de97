/**
 * The ONE place that turns a session snapshot into what the UI may see. It copies field by field
 * (never spreads the context): the card number and the name are masked, the ID number is never
 * included, the PIN is a count of digits, and nothing personal is shown once the session ended.
 */
import { maskCardNumber, maskName } from '@kiosk/domain';
import type { Locale, SessionStep, SessionView } from '@kiosk/domain';
import type { SnapshotFrom } from 'xstate';
import type { sessionMachine } from './session.machine.js';

export type SessionSnapshot = SnapshotFrom<typeof sessionMachine>;

/** States in document order; the first that matches names the step. */
const STEPS: readonly (readonly [Parameters<SessionSnapshot['matches']>[0], SessionStep])[] = [
  ['chooseJourney', 'chooseJourney'],
  ['insertCard', 'insertCard'],
  [{ cardIn: 'readingCard' }, 'readingCard'],
  [{ cardIn: 'enterPin' }, 'enterPin'],
  [{ cardIn: 'queryingBalance' }, 'queryingBalance'],
  [{ cardIn: 'showBalance' }, 'showBalance'],
  ['ejectingCard', 'ejectingCard'],
  ['takeCard', 'takeCard'],
  ['retractingCard', 'retractingCard'],
  ['ended', 'ended'],
];

export function sessionStepOf(snapshot: SessionSnapshot): SessionStep {
  const found = STEPS.find(([value]) => snapshot.matches(value));
  if (!found) return 'ended';
  const [, step] = found;
  // all digits typed: the PIN pad is checking them against the card
  if (step === 'enterPin' && snapshot.context.pin.entered >= snapshot.context.pinLength) {
    return 'verifyingPin';
  }
  return step;
}

const PIN_STEPS: readonly SessionStep[] = ['enterPin', 'verifyingPin'];

export function toSessionView(snapshot: SessionSnapshot, locale: Locale): SessionView {
  const { context } = snapshot;
  const step = sessionStepOf(snapshot);
  const ended = step === 'ended';
  return {
    sessionId: context.sessionId,
    journey: context.journey,
    step,
    locale,
    ...(context.deadline && !ended
      ? { deadline: { at: context.deadline.at, warnAt: context.deadline.warnAt } }
      : {}),
    ...(context.card && !ended
      ? {
          card: {
            maskedCardNumber: maskCardNumber(context.card.cardNumber),
            maskedName: maskName(context.card.name),
          },
        }
      : {}),
    ...(PIN_STEPS.includes(step)
      ? {
          pin: {
            entered: context.pin.entered,
            length: context.pinLength,
            ...(context.pin.attemptsLeft !== undefined ? { attemptsLeft: context.pin.attemptsLeft } : {}),
          },
        }
      : {}),
    ...(context.balance && !ended
      ? { balance: { amountFen: context.balance.amountFen, asOf: context.balance.asOf } }
      : {}),
    ...(context.error ? { error: { code: context.error.code, message: context.error.message } } : {}),
    ...(ended ? { outcome: context.outcome ?? 'completed' } : {}),
  };
}
