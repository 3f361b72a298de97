/**
 * What a new session's start reads to ask the session machine about its first journey (its input:
 * the test profile, a receipt printer with paper, a card reader, notes loaded, an ID reader), and
 * the session machine it asks: the real one, or one whose own rules refuse every journey.
 */
import { loadConfig } from '@kiosk/config';
import type { DeviceStatus } from '@kiosk/domain';
import { sessionMachine } from '@kiosk/state-machines';
import type { DevicesService } from '../devices/devices.service.js';
import type { SessionActorsFactory } from './session-actors.js';
import type { SessionStartDeps } from './session-start.js';

const ONLINE: DeviceStatus = {
  kind: 'receiptPrinter',
  device: 'online',
  supplies: [{ name: 'paper', level: 'ok' }],
  driver: 'emulator',
  updatedAt: '2026-11-26T08:00:00Z',
};

/** the session machine as the daemon runs it, its guards refusing every journey as their rules may */
export const machineRefusingEveryJourney = sessionMachine.provide({
  guards: { journeyAvailable: () => false, cardJourneyAvailable: () => false },
}) as typeof sessionMachine;

/** The parts of `SessionStartDeps` a new session's input and its first journey's check read. */
export function firstJourneyDeps(
  machine: typeof sessionMachine = sessionMachine,
): Pick<SessionStartDeps, 'config' | 'devices' | 'actors'> {
  const devices = {
    receiptPrinter: { status: () => ONLINE },
    cardReader: { status: () => ({ ...ONLINE, kind: 'cardReader', supplies: [] }), canCapture: () => true },
    cashDispenser: {
      cassettes: () => [{ denominationFen: 10_000, present: true, count: 100, emptyThreshold: 0 }],
    },
    idReader: { isCardPresent: () => false, onCardEvent: () => () => undefined },
  } as unknown as DevicesService;
  const actors = {
    sessionMachine: machine,
    scope: () => ({ release: () => undefined }),
  } as unknown as SessionActorsFactory;
  return { config: loadConfig({ profile: 'test' }), devices, actors };
}
