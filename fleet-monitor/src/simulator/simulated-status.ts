/**
 * A virtual kiosk's retained status, as a real kiosk builds it: its mode and the journeys it offers
 * (the stock, a jam and an operator's hold decide them), its service reasons (the first apart), its devices
 * (the jammed one in hardwareError with its fault code) with their supplies and levels.
 */
import type { Journey } from '@kiosk/domain';
import type { OnlineStatus } from '../contract/telemetry.contract.js';
import { deviceStateUnder, journeysLeftBy, type SimulatedFault } from './simulated-faults.js';
import { simulatedReasons } from './simulated-reasons.js';
import { emptied, journeysStocked, supplyLevel, type Stock } from './simulated-supplies.js';

export type Mode = OnlineStatus['mode'];

/** what the kiosk is now: its mode as commanded, an operator's hold, a jam, its stock */
export interface SimulatedKioskState {
  /** inService, or outOfService while an operator holds it */
  readonly mode: Mode;
  /** the reason of an operator's out-of-service hold; absent when not held */
  readonly hold: string | undefined;
  readonly fault: SimulatedFault | undefined;
  readonly stock: Readonly<Stock>;
}

/** what does not change while it runs */
export interface SimulatedKioskIdentity {
  readonly kioskId: string;
  readonly hallId?: string;
  readonly heartbeatIntervalS: number;
}

export function journeysOfferedBy(state: SimulatedKioskState): Journey[] {
  if (state.mode === 'outOfService' || state.mode === 'maintenance') return [];
  return journeysLeftBy(state.fault, journeysStocked(state.stock));
}

function modeOf(state: SimulatedKioskState): Mode {
  if (state.mode === 'outOfService' || state.mode === 'maintenance') return state.mode;
  // a fault that leaves no journey (the real kiosk placed by what it offers)
  if (state.fault && journeysOfferedBy(state).length === 0) return 'outOfService';
  return emptied(state.stock).length > 0 || state.fault ? 'degraded' : 'inService';
}

/** the status message: the reasons a real kiosk gives, in its order (an operator's hold, the jam, the supplies) */
export function simulatedStatus(
  identity: SimulatedKioskIdentity,
  state: SimulatedKioskState,
  at = new Date(),
): OnlineStatus {
  const { stock, fault } = state;
  const reasons = simulatedReasons(fault, emptied(stock), state.hold);
  const reason = reasons[0];
  return {
    connection: 'online',
    kioskId: identity.kioskId,
    mode: modeOf(state),
    ...(reason !== undefined && { reason }),
    // every one, as a real kiosk placed by them lists them (in maintenance it lists none)
    ...(state.mode !== 'maintenance' && { reasons }),
    version: 'simulator',
    ...(identity.hallId !== undefined && { hallId: identity.hallId }),
    journeysOffered: journeysOfferedBy(state),
    devices: (
      [
        ['cardReader', [{ name: 'retractBin', level: 'ok' }]],
        ['receiptPrinter', [{ name: 'paper', level: supplyLevel(stock, 'paper'), count: stock.paper }]],
        [
          'cardPrinter',
          [
            { name: 'cardHopper', level: supplyLevel(stock, 'cardHopper'), count: stock.cardHopper },
            { name: 'ribbon', level: supplyLevel(stock, 'ribbon'), count: stock.ribbon },
          ],
        ],
        [
          'cashDispenser',
          [{ name: 'cassette:upper', level: supplyLevel(stock, 'cassette'), count: stock.cassette }],
        ],
      ] as const
    ).map(([kind, supplies]) => ({ kind, ...deviceStateUnder(fault, kind), supplies: [...supplies] })),
    heartbeatIntervalS: identity.heartbeatIntervalS,
    at: at.toISOString(),
  };
}
