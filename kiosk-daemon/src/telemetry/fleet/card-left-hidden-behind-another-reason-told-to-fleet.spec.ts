/**
 * Fault: a resident's card left in the reader while the reader is down (or a new card left at the
 * printer's slot while the printer is down, the kiosk held by an operator) reached the fleet only
 * as the kiosk's first reason, the device's fault: the fleet sent no one for the card until the
 * fault was gone. The kiosk's status now lists every reason it holds (`reasons`, its first the
 * status's reason), from the kiosk machine's own list, wherever that list is whole (placed by its
 * devices or a hold), and none where it is not (maintenance, a self test that failed).
 */
import { describe, expect, it } from '@jest/globals';
import type { KioskConfig } from '@kiosk/config';
import { DEVICE_KINDS, type DeviceStatus, type KioskView } from '@kiosk/domain';
import { OnlineStatusSchema } from '@kiosk/fleet-monitor/contract';
import { ServiceReason, kioskMachine, type KioskEvent } from '@kiosk/state-machines';
import { initialTransition, transition, type AnyEventObject, type SnapshotFrom } from 'xstate';
import type { DevicesService } from '../../devices/devices.service.js';
import { kioskViewOf } from '../../sessions/session-views.js';
import { toFleetStatus } from './fleet-telemetry-mapping.js';
import { onlineStatusMessage } from './fleet-status.spec-support.js';

const { CARD_READER_DOWN, CARD_LEFT_IN_READER, CARD_PRINTER_DOWN, NEW_CARD_LEFT_AT_SLOT } = ServiceReason;
const at = '2026-11-29T08:00:00.000Z';

/** the stocks each device holds, all of them stocked */
const STOCKED: Partial<Record<string, string[]>> = {
  cardPrinter: ['cardHopper', 'ribbon'],
  cashDispenser: ['cassette:upper'],
  receiptPrinter: ['paper'],
};

/** every device answering and stocked but those named, in a hardware error */
function statusesWith(down: readonly string[]): DeviceStatus[] {
  return DEVICE_KINDS.map((kind) => ({
    kind,
    device: down.includes(kind) ? 'hardwareError' : 'online',
    supplies: (STOCKED[kind] ?? []).map((name) => ({ name, level: 'ok' as const })),
    driver: 'emulator',
    updatedAt: at,
  }));
}

const config = { kiosk: { id: 'JZ-9001' }, demo: { panel: false } } as KioskConfig;

/** The kiosk machine after a self test that found `statuses`, then `events`: the daemon's view, and its fleet status. */
function kioskAfter(statuses: DeviceStatus[], ...events: KioskEvent[]) {
  let [s] = initialTransition(kioskMachine, {});
  for (const event of [
    { type: 'BOOTED' },
    { type: 'xstate.done.actor.selfTest', output: statuses } as AnyEventObject,
    ...events,
  ])
    [s] = transition(kioskMachine, s, event as KioskEvent);
  const devices = {
    cardReader: { canCapture: () => true },
    statuses: () => statuses,
  } as unknown as DevicesService;
  const view: KioskView = kioskViewOf(s as SnapshotFrom<typeof kioskMachine>, config, devices);
  const status = toFleetStatus(view, statuses);
  expect(OnlineStatusSchema.safeParse(onlineStatusMessage(status, at)).success).toBe(true);
  return { view, status };
}

describe('card-left-hidden-behind-another-reason-told-to-fleet', () => {
  it('card-left-hidden-behind-another-reason-told-to-fleet: the reader down and a card left in it, both told, the fault first', () => {
    const { view, status } = kioskAfter(statusesWith(['cardReader']), { type: 'CARD_LEFT_IN_READER' });
    expect(view).toMatchObject({
      reason: CARD_READER_DOWN,
      reasons: [CARD_READER_DOWN, CARD_LEFT_IN_READER],
    });
    expect(status).toMatchObject({
      reason: CARD_READER_DOWN,
      reasons: [CARD_READER_DOWN, CARD_LEFT_IN_READER],
    });
  });

  it('a new card left at the slot behind the printer down and an operator hold: every reason, the hold first', () => {
    const { status } = kioskAfter(
      statusesWith(['cardPrinter']),
      { type: 'NEW_CARD_LEFT_AT_SLOT' },
      { type: 'OPERATOR_STOP', reason: ServiceReason.REMOTE_OUT_OF_SERVICE },
    );
    expect(status).toMatchObject({
      mode: 'outOfService',
      reason: ServiceReason.REMOTE_OUT_OF_SERVICE,
      reasons: [ServiceReason.REMOTE_OUT_OF_SERVICE, CARD_PRINTER_DOWN, NEW_CARD_LEFT_AT_SLOT],
    });
  });

  it('the card taken while the reader is still down: the list leaves it out; in service: an empty list', () => {
    const taken = kioskAfter(
      statusesWith(['cardReader']),
      { type: 'CARD_LEFT_IN_READER' },
      { type: 'CARD_LEFT_CLEARED' },
    );
    expect(taken.status.reasons).toEqual([CARD_READER_DOWN]);
    expect(kioskAfter(statusesWith([])).status).toMatchObject({ reasons: [] });
  });

  it('no list where the kiosk does not know all it holds: maintenance, a self test that failed', () => {
    const visit = kioskAfter(
      statusesWith(['cardReader']),
      { type: 'CARD_LEFT_IN_READER' },
      { type: 'MAINTENANCE_ENTER' },
    );
    expect(visit.status).toMatchObject({ mode: 'maintenance', reason: ServiceReason.MAINTENANCE });
    expect(visit.status).not.toHaveProperty('reasons');
    let [s] = initialTransition(kioskMachine, {});
    [s] = transition(kioskMachine, s, { type: 'BOOTED' });
    [s] = transition(kioskMachine, s, {
      type: 'xstate.error.actor.selfTest',
      error: { code: 'WITHDRAWAL_UNDECIDED' },
    } as AnyEventObject as KioskEvent);
    const devices = {
      cardReader: { canCapture: () => true },
      statuses: () => [],
    } as unknown as DevicesService;
    const failed = toFleetStatus(kioskViewOf(s, config, devices), []);
    expect(failed).toMatchObject({ reason: ServiceReason.SELF_TEST_FAILED });
    expect(failed).not.toHaveProperty('reasons');
  });

  it("a list the fleet could not take whole is not sent: a reason not of a code's form, or not first its reason", () => {
    const view = (reason: string, reasons: string[]): KioskView => ({
      kioskId: 'JZ-9001',
      mode: 'outOfService',
      reason,
      reasons,
      journeysOffered: [],
      devices: [],
      demo: false,
    });
    expect(
      toFleetStatus(view(CARD_READER_DOWN, [CARD_READER_DOWN, 'card of Zhang San']), []),
    ).not.toHaveProperty('reasons');
    expect(toFleetStatus(view(CARD_READER_DOWN, [CARD_LEFT_IN_READER]), [])).not.toHaveProperty('reasons');
  });
});
