import type { KioskConfig } from '@kiosk/config';
import type { CardReaderPort, PinPadPort, SecurePin } from '@kiosk/device-drivers';
import { ErrorCode, KioskError, weakPinRuleOfDigits } from '@kiosk/domain';
import { newPinMachine, type NewPinMachine } from '@kiosk/state-machines';
import { timingSafeEqual } from 'node:crypto';
import { fromPromise } from 'xstate';
import type { HostService } from '../host/host.service.js';
import type { JournaledHostRetries } from '../host/journaled-host-retries.js';
import { ScopeKey, type AnyActorSystem, type ScopeOf } from './session-scope.js';
import { activatePin, CARD_STATE_AT_READ, changePin, resetPin } from './new-pin-writes.js';
import { pinPadTimeoutMs } from './pin-pad-timeout.js';
import { HELD_PIN, VerifiedPinHold } from './verified-pin-hold.js';

export interface NewPinJourneyDeps {
  readonly host: HostService;
  readonly pinPad: PinPadPort;
  readonly cardReader: CardReaderPort;
  readonly config: KioskConfig;
  /** tells the session which entry the pad is collecting (first or confirmation) */
  readonly stage: (stage: 'first' | 'confirm') => void;
  /** the current PIN, verified on the card for a change (the session's PIN step keeps it) */
  readonly heldPin: VerifiedPinHold;
  /** the background tries of host acts: a PIN reset's report the host did not answer (absent in unit specs) */
  readonly retries?: JournaledHostRetries;
}

/** The new PIN entered twice and checked, until it is written to the card (wiped with the session). */
const NEW_PIN = new ScopeKey(
  'newPin',
  () => new VerifiedPinHold(),
  (hold) => hold.drop(),
);

function sameDigits(a: SecurePin, b: SecurePin): boolean {
  return a.useDigits((x) => b.useDigits((y) => x.length === y.length && timingSafeEqual(x, y)));
}

/**
 * A new PIN, on the PIN-pad path only: collected twice, checked against the weak-PIN rules while
 * still inside this function, held as a SecurePin until it is written to the card, then wiped.
 * Activation replaces the default PIN of a newly made card and has the host enable both functions;
 * a change replaces the current PIN (verified just before, held on the PIN-pad path); a reset
 * writes the new PIN under the card key the host hands out (`new-pin-writes.ts`).
 */
export function provideNewPinJourney(
  daemonDeps: Omit<NewPinJourneyDeps, 'stage' | 'heldPin'>,
  scopeOf: ScopeOf,
): NewPinMachine {
  /** the deps of the session an actor serves: its PIN pad stage and its held PIN */
  const sessionOf = (system: AnyActorSystem) => {
    const scope = scopeOf(system);
    const deps: NewPinJourneyDeps = {
      ...daemonDeps,
      stage: (stage) => scope.send({ type: 'PIN_STAGE', stage }),
      heldPin: scope.get(HELD_PIN),
    };
    return {
      deps,
      tools: scope.tools,
      pending: scope.get(NEW_PIN),
      stateAtRead: scope.get(CARD_STATE_AT_READ),
    };
  };
  const collect = async (length: number, signal: AbortSignal) => {
    const entry = await daemonDeps.pinPad.collectPin({
      length,
      signal,
      timeoutMs: pinPadTimeoutMs(daemonDeps.config),
    });
    if (entry.result === 'timeout')
      throw new KioskError(ErrorCode.SESSION_TIMED_OUT, 'No PIN was entered in time.');
    return entry.result === 'entered' ? entry.pin : null;
  };
  return newPinMachine.provide({
    actors: {
      enterNewPin: fromPromise(async ({ input, signal, system }) => {
        const { deps, tools, pending } = sessionOf(system);
        pending.drop();
        // the journey stopped here (cancel, timeout, card pulled, kiosk stopping): no PIN stays
        signal.addEventListener(
          'abort',
          () => {
            pending.drop();
            deps.heldPin.drop();
          },
          { once: true },
        );
        // the holder's birth date is a weak PIN (RULES.md): without the card's data read, the rule
        // could not refuse it, so no new PIN is taken
        const birthDate = tools.card()?.birthDate;
        if (!birthDate) throw new KioskError(ErrorCode.CARD_REMOVED, 'There is no card in the reader.');
        deps.stage('first');
        const first = await collect(input.length, signal);
        if (!first) return { result: 'cancelled' } as const;
        // the rule sees the digits for one call, inside the PIN-pad path, digit by digit: no string
        const rule = first.useDigits((d) => weakPinRuleOfDigits(d, birthDate, input.length));
        if (rule) {
          first.wipe();
          await tools.step('newPin.refused', { rule });
          return { result: 'weak', rule } as const;
        }
        deps.stage('confirm');
        const second = await collect(input.length, signal);
        if (!second) {
          first.wipe();
          return { result: 'cancelled' } as const;
        }
        const same = sameDigits(first, second);
        second.wipe();
        if (!same) {
          first.wipe();
          await tools.step('newPin.refused', { rule: 'mismatch' });
          return { result: 'mismatch' } as const;
        }
        pending.keep(first);
        return { result: 'ok' } as const;
      }),

      saveNewPin: fromPromise(async ({ input, signal, system }) => {
        const { deps, tools, pending, stateAtRead } = sessionOf(system);
        const newPin = pending.take();
        if (!newPin) throw new KioskError(ErrorCode.INTERNAL, 'No new PIN is waiting to be saved.');
        const write = { cardNumber: input.cardNumber, idNumber: input.idNumber, newPin, signal };
        try {
          if (input.purpose === 'activate') await activatePin(deps, tools, write);
          else if (input.purpose === 'change') await changePin(deps, tools, write);
          else {
            const cardStateAtRead = stateAtRead.freshIn(tools.transactionId);
            await resetPin(deps, tools, { ...write, ...(cardStateAtRead && { cardStateAtRead }) });
          }
        } finally {
          newPin.wipe();
        }
      }),
    },
  });
}
