/**
 * Spec support: one session's PIN entries as the daemon runs them (the session actors' `verifyPin`,
 * invoked once per entry in one actor system, so in one session's scope), on the emulated card
 * reader with a demo card in, the PINs typed taken from a list; their outcomes told to the real
 * host simulator through the daemon's host client over a connection that records each request's
 * idempotency key and the host's answer, and can lose the answer of a request the host handled
 * (as a timed-out answer is: the kiosk hears HOST_TIMEOUT, the host has counted it).
 */
import type { KioskConfig } from '@kiosk/config';
import { EmulatedCardReader, SecurePin, type PinPadPort } from '@kiosk/device-drivers';
import { ErrorCode, KioskError } from '@kiosk/domain';
import { createActor, createMachine, toPromise, type AnyActorLogic } from 'xstate';
import type { DevicesService } from '../devices/devices.service.js';
import type { HostConnection } from '../host/host-connection.js';
import { HostService } from '../host/host.service.js';
import type { IssuanceHostService } from '../host/issuance-host.service.js';
import type { JournaledHostRetries } from '../host/journaled-host-retries.js';
import type { JournalService } from '../journal/journal.service.js';
import type { WithdrawalHoldRelease } from '../journeys/withdrawal-hold-release.js';
import { MetricsService } from '../telemetry/metrics.service.js';
import type { PinOutcomeReports } from './pin-outcome-to-host.js';
import { SessionActorsFactory } from './session-actors.js';

/** A request the host client sent: its idempotency key and, when the host answered, the answer. */
export interface SentToHost {
  readonly key: string | undefined;
  readonly answer: unknown;
}

/**
 * The daemon's host client over `connection`, every request recorded (`sent`); `loseAnswerOf(key)`
 * has the next answer to that key dropped once the host gave it (HOST_TIMEOUT to the kiosk).
 */
export function recordingHost(connection: HostConnection) {
  const sent: SentToHost[] = [];
  const toLose = new Set<string>();
  const recording = {
    kioskId: () => connection.kioskId(),
    client: () => ({
      request: async (request: { idempotencyKey?: string }) => {
        const real = connection.client() as unknown as { request(r: unknown): Promise<unknown> };
        const answer = await real.request(request);
        sent.push({ key: request.idempotencyKey, answer });
        if (request.idempotencyKey && toLose.delete(request.idempotencyKey)) {
          throw new KioskError(ErrorCode.HOST_TIMEOUT, 'The back office did not answer in time.');
        }
        return answer;
      },
    }),
  } as unknown as HostConnection;
  return {
    host: new HostService(recording, new MetricsService()),
    sent,
    loseAnswerOf: (key: string) => void toLose.add(key),
  };
}

/**
 * Runs one session of `pins` typed in turn (a balance journey) with `cardId` in the emulated
 * reader, each entry's outcome told by `reports`; resolves once the last verdict is journaled.
 */
export async function pinEntriesOfASession(
  deps: { journal: JournalService; retries: JournaledHostRetries; reports: PinOutcomeReports },
  transactionId: string,
  cardId: string,
  pins: readonly string[],
): Promise<void> {
  const reader = new EmulatedCardReader({ today: new Date('2026-11-26'), moveTimeoutMs: 1_000 });
  await reader.open();
  try {
    await reader.insertCard(cardId);
    const typed = [...pins];
    const pinPad = {
      collectPin: async () => ({
        result: 'entered',
        pin: SecurePin.fromKeys([...typed.shift()!].map(Number)),
      }),
    } as unknown as PinPadPort;
    const config = { timeouts: { stepMs: 60_000 } } as unknown as KioskConfig;
    const factory = new SessionActorsFactory(
      { cardReader: reader, pinPad } as unknown as DevicesService,
      {} as HostService,
      deps.journal,
      config,
      {} as IssuanceHostService,
      {} as WithdrawalHoldRelease,
      deps.retries,
      undefined,
      deps.reports,
    );
    const verifyPin = factory.sessionMachine.implementations.actors.verifyPin as AnyActorLogic;
    const input = { sessionId: 's-1', length: 6, journey: 'balance' };
    // each entry invoked by one parent: one actor system, so one session's scope
    const states: Record<string, object> = { done: { type: 'final' } };
    pins.forEach((_, i) => {
      const next = i + 1 < pins.length ? `entry${i + 1}` : 'done';
      states[`entry${i}`] = { invoke: { src: 'verifyPin', input, onDone: next } };
    });
    const session = createActor(
      createMachine({ initial: 'entry0', states }).provide({ actors: { verifyPin } }),
    );
    const scope = factory.scope(session.system, { transactionId, locale: () => 'en', send: () => undefined });
    scope.card = await reader.readCard();
    const ended = toPromise(session);
    session.start();
    await ended;
  } finally {
    await reader.close();
  }
}
