/**
 * The session's card read, and the card asked about again at a journey after another: what the
 * chip and the host say of the card decides whether the chosen journey may go on.
 */
import { assign } from 'xstate';
import { ErrorCode } from '@kiosk/domain';
import { codedError, toCodedError } from '../coded-error.js';
import { barredByPinLock } from './session-journeys.js';
import { cardOf, HOST_SILENT, sessionSetup } from './session.setup.js';

/**
 * The card's PIN locked before this session (an earlier session's wrong PINs, or elsewhere): said
 * at once, before any key, the card handed back. Not this session's lock: no PIN outcome is owed
 * to the host (none was tried) and the session's end is no PIN_BLOCKED alert (ADR 0006).
 */
const pinAlreadyBlocked = codedError(
  ErrorCode.PIN_ALREADY_BLOCKED,
  'The PIN of this card is locked; please take your card back and unlock it with “Reset PIN” (ID card and face) or at the service desk.',
);

const readerSilent = codedError(ErrorCode.DEVICE_TIMEOUT, 'The card reader did not answer in time.');

export const readingCard = sessionSetup.createStateConfig({
  entry: 'clearDeadline',
  invoke: {
    id: 'readCard',
    src: 'readCard',
    input: ({ context }) => ({ sessionId: context.sessionId, journey: context.journey ?? 'balance' }),
    onDone: [
      {
        // the chip says 0 tries left (VERIFY without a PIN: 69 83): a journey that needs its PIN
        // would ask for one the card refuses whatever it is
        guard: ({ context, event }) => event.output.pinTriesLeft === 0 && barredByPinLock(context.journey),
        target: '#session.ejectingCard',
        actions: assign({
          card: ({ event }) => event.output,
          outcome: 'failed',
          error: pinAlreadyBlocked,
        }),
      },
      {
        target: 'routing',
        actions: assign({
          card: ({ event }) => event.output,
          // a card left short by an earlier session: the PIN screen says its count before the first try
          pin: ({ event }) =>
            event.output.pinTriesLeft === undefined
              ? { entered: 0 }
              : { entered: 0, attemptsLeft: event.output.pinTriesLeft },
        }),
      },
    ],
    onError: {
      target: '#session.ejectingCard',
      actions: assign({ outcome: 'failed', error: ({ event }) => toCodedError(event.error) }),
    },
  },
  after: {
    stepTimeout: { target: '#session.ejectingCard', actions: { type: 'markFailed', params: readerSilent } },
  },
});

/**
 * A journey chosen after another of the session, the card still in: the card's state was asked of
 * the host as the card was read, for the first journey; it may have been reported lost (another
 * counter, the phone line) or cancelled since, so the daemon asks again (`checkCard`) before the
 * new journey asks anything of the resident or moves money. Refused (CARD_NOT_ACTIVE,
 * CARD_EXPIRED, the host not answering as at the card read): the card goes back with the code.
 */
export const checkingCard = sessionSetup.createStateConfig({
  entry: 'clearDeadline',
  invoke: {
    id: 'checkCard',
    src: 'checkCard',
    input: ({ context }) => ({
      sessionId: context.sessionId,
      cardNumber: cardOf(context).cardNumber,
      journey: context.journey!,
    }),
    onDone: { target: 'routing' },
    onError: {
      target: '#session.ejectingCard',
      actions: assign({ outcome: 'failed', error: ({ event }) => toCodedError(event.error) }),
    },
  },
  after: {
    stepTimeout: { target: '#session.ejectingCard', actions: { type: 'markFailed', params: HOST_SILENT } },
  },
});
