import type { KioskConfig } from '@kiosk/config';
import {
  DEFAULT_CARD_PIN_DIGITS,
  SecurePin,
  type CardReaderPort,
  type PinPadPort,
} from '@kiosk/device-drivers';
import { ErrorCode, KioskError } from '@kiosk/domain';
import { newPinMachine, weakPinRule, type NewPinMachine } from '@kiosk/state-machines';
import { timingSafeEqual } from 'node:crypto';
import { fromPromise } from 'xstate';
import type { HostService } from '../host/host.service.js';
import type { JourneyTools } from './journey-tools.js';

export interface NewPinJourneyDeps {
  readonly host: HostService;
  readonly pinPad: PinPadPort;
  readonly cardReader: CardReaderPort;
  readonly config: KioskConfig;
  /** tells the session which entry the pad is collecting (first or confirmation) */
  readonly stage: (stage: 'first' | 'confirm') => void;
}

function sameDigits(a: SecurePin, b: SecurePin): boolean {
  return a.useDigits((x) => b.useDigits((y) => x.length === y.length && timingSafeEqual(x, y)));
}

/**
 * A new PIN, on the PIN-pad path only: collected twice, checked against the weak-PIN rules while
 * still inside this function, held as a SecurePin until it is written to the card, then wiped.
 * Activation replaces the default PIN of a newly made card and has the host enable both functions.
 * Changing or resetting a PIN needs the card's old PIN or the issuer's key; they come with the
 * maintenance of those journeys and are not offered yet.
 */
export function provideNewPinJourney(deps: NewPinJourneyDeps, tools: JourneyTools): NewPinMachine {
  let pending: SecurePin | null = null;
  const collect = async (length: number, signal: AbortSignal) => {
    const entry = await deps.pinPad.collectPin({ length, signal, timeoutMs: deps.config.timeouts.stepMs });
    if (entry.result === 'timeout')
      throw new KioskError(ErrorCode.SESSION_TIMED_OUT, 'No PIN was entered in time.');
    return entry.result === 'entered' ? entry.pin : null;
  };
  return newPinMachine.provide({
    actors: {
      enterNewPin: fromPromise(async ({ input, signal }) => {
        pending?.wipe();
        pending = null;
        deps.stage('first');
        const first = await collect(input.length, signal);
        if (!first) return { result: 'cancelled' } as const;
        const birthDate = tools.card()?.birthDate ?? '';
        // the rule sees the digits for one call, inside the PIN-pad path; the string is not kept
        const rule = first.useDigits((d) => weakPinRule(Array.from(d).join(''), { birthDate }, input.length));
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
        pending = first;
        return { result: 'ok' } as const;
      }),

      saveNewPin: fromPromise(async ({ input, signal }) => {
        const newPin = pending;
        pending = null;
        if (!newPin) throw new KioskError(ErrorCode.INTERNAL, 'No new PIN is waiting to be saved.');
        if (input.purpose !== 'activate') {
          newPin.wipe();
          throw new KioskError(
            ErrorCode.JOURNEY_NOT_OFFERED,
            'Changing or resetting a PIN is not offered at this kiosk yet.',
          );
        }
        const defaultPin = SecurePin.fromKeys(DEFAULT_CARD_PIN_DIGITS);
        try {
          const verdict = await tools.irreversible('card.changePin', () =>
            deps.cardReader.changePin(defaultPin, newPin, signal),
          );
          if (verdict.result === 'blocked') {
            throw new KioskError(ErrorCode.PIN_BLOCKED, 'This card’s PIN is locked; please go to a counter.');
          }
          if (verdict.result === 'wrong') {
            throw new KioskError(
              ErrorCode.CARD_NOT_ACTIVE,
              'This card was activated before; use “change PIN”.',
            );
          }
        } finally {
          defaultPin.wipe();
          newPin.wipe();
        }
        await tools.irreversible('host.activate', () =>
          deps.host.activateCard(input.cardNumber, input.idNumber, tools.transactionId, signal),
        );
      }),
    },
  });
}
