/**
 * The safe views the touch screen gets: the kiosk's (mode, journeys offered, devices) and the
 * running session's, with what the devices and the host add to it while a step lasts (the card
 * printer's stage on the progress screen, the QR fee's payment order on the fee screen).
 */
import type { KioskConfig } from '@kiosk/config';
import { type KioskView, type Locale, ServiceReason, type SessionViewWithDetails } from '@kiosk/domain';
import {
  journeyDetailsOf,
  kioskModeOf,
  SESSION_JOURNEYS_BUILT,
  toSessionView,
  type kioskMachine,
  type sessionMachine,
} from '@kiosk/state-machines';
import type { SnapshotFrom } from 'xstate';
import type { DevicesService } from '../devices/devices.service.js';
import type { IssuanceHostService } from '../host/issuance-host.service.js';

export function kioskViewOf(
  snap: SnapshotFrom<typeof kioskMachine>,
  config: KioskConfig,
  devices: DevicesService,
): KioskView {
  // the journeys the session machine carries, whose side effects this daemon wires: no others
  const offered = snap.context.journeysOffered.filter((j) => SESSION_JOURNEYS_BUILT.includes(j));
  return {
    kioskId: config.kiosk.id,
    mode: kioskModeOf(snap),
    ...(snap.context.reason ? { reason: snap.context.reason } : {}),
    ...(snap.context.cause !== undefined && { cause: snap.context.cause }),
    ...placedReasons(snap),
    journeysOffered: offered,
    // a reader without a motor holds a card left in it out of its slot (ADR 0002)
    ...(snap.context.reason === ServiceReason.CARD_LEFT_IN_READER &&
      !devices.cardReader.canCapture() && { cardLeftAtSlot: true as const }),
    devices: devices.statuses().map((s) => ({
      kind: s.kind,
      device: s.device,
      supplies: s.supplies.map((x) => ({ name: x.name, level: x.level })),
    })),
    demo: config.demo.panel,
    timeZone: config.kiosk.timeZone,
  };
}

/** The modes the kiosk machine is in once placed by its reasons (`evaluate`, an operator's hold). */
const PLACED_MODES: ReadonlySet<string> = new Set(['inService', 'degraded', 'outOfService']);
const HELD_BY_SELF_TEST: ReadonlySet<string> = new Set([
  ServiceReason.SELF_TEST_FAILED,
  ServiceReason.SELF_TEST_TIMEOUT,
]);

/**
 * Every reason the kiosk holds (`KioskView.reasons`), only where the machine's list is whole: placed
 * by its devices or a hold, the first being its reason. A self test that failed or timed out holds
 * the kiosk with its own reason alone, and maintenance keeps the list of before: none then.
 */
function placedReasons(snap: SnapshotFrom<typeof kioskMachine>): { reasons?: readonly string[] } {
  const { reason, reasons } = snap.context;
  if (!PLACED_MODES.has(kioskModeOf(snap))) return {};
  if (reason !== undefined && HELD_BY_SELF_TEST.has(reason)) return {};
  return reasons[0] === reason ? { reasons: [...reasons] } : {};
}

export function sessionViewOf(
  snapshot: SnapshotFrom<typeof sessionMachine>,
  locale: Locale,
  devices: DevicesService,
  issuance: IssuanceHostService,
): SessionViewWithDetails {
  const details = journeyDetailsOf(snapshot, locale);
  const view = toSessionView(snapshot, locale);
  // card making: the printer's stage for the progress screen
  const stage = view.step === 'makingCard' ? devices.cardMaking.stage() : null;
  // the fee by QR: the host's payment order, its content drawn as a QR code on the fee screen;
  // "payable until" is the screen's deadline, the order's expiry on the kiosk's clock (ADR 0015),
  // never the host's `expiresAt`, which is on the host's clock
  const order = view.step === 'payFee' ? issuance.pendingQrOrder : null;
  const until = view.deadline ? new Date(view.deadline.at).toISOString() : order?.expiresAt;
  const payment =
    order && until ? { qrContent: order.qrContent, amountFen: order.amountFen, expiresAt: until } : null;
  return {
    ...view,
    ...(details ? { details } : {}),
    ...(stage ? { progress: { stage } } : {}),
    ...(payment ? { payment } : {}),
  };
}
