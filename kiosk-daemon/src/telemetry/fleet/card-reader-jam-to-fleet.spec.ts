/**
 * The fault: the card jams in the reader on its way to the slot. From the emulator's fault to the
 * fleet: the reader (the one the daemon runs in the demo) reports the jam by its own code, the
 * kiosk machine holds back the journeys that take a card into the reader (degraded: a new card and
 * a loss report do without it), and the status and event the
 * kiosk sends the fleet name CARD_READER_JAM (not the generic DEVICE_HARDWARE_ERROR), so the
 * fleet monitor shows staff a jam to open the reader for; freed and cleared, the fleet hears so.
 */
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { EmulatedCardReader } from '@kiosk/device-drivers';
import { DEVICE_KINDS, ErrorCode, type DeviceStatus, type KioskView } from '@kiosk/domain';
import { OnlineStatusSchema, TelemetryEventSchema } from '@kiosk/fleet-monitor/contract';
import { ServiceReason, kioskMachine, kioskModeOf, type KioskEvent } from '@kiosk/state-machines';
import { initialTransition, transition, type AnyEventObject } from 'xstate';
import { faultEvents, toFleetStatus } from './fleet-telemetry-mapping.js';
import { onlineStatusMessage } from './fleet-status.spec-support.js';

const at = '2026-11-27T08:00:00.000Z';

/** every device healthy but the card reader, which is the emulated one */
function statusesWith(reader: DeviceStatus): DeviceStatus[] {
  return DEVICE_KINDS.map((kind) =>
    kind === 'cardReader'
      ? reader
      : { kind, device: 'online', supplies: [], driver: 'emulator', updatedAt: at },
  );
}

/** the kiosk machine's decision after a self test that found these statuses, as the daemon's view */
function kioskViewAfterSelfTest(statuses: DeviceStatus[]): KioskView {
  let [s] = initialTransition(kioskMachine, {});
  [s] = transition(kioskMachine, s, { type: 'BOOTED' });
  [s] = transition(kioskMachine, s, {
    type: 'xstate.done.actor.selfTest',
    output: statuses,
  } as AnyEventObject as KioskEvent);
  return {
    kioskId: 'JZ-9001',
    mode: kioskModeOf(s),
    ...(s.context.reason !== undefined && { reason: s.context.reason }),
    journeysOffered: s.context.journeysOffered,
    devices: [],
    demo: true,
  };
}

const envelope = { id: '6f1c2d3e-4b5a-4c7d-8e9f-0a1b2c3d4e5f', kioskId: 'JZ-9001', seq: 0, at };

describe('fault: the card jams in the reader, as the fleet sees it', () => {
  let reader: EmulatedCardReader;

  beforeEach(async () => {
    reader = new EmulatedCardReader({ today: new Date('2026-11-27') });
    await reader.open();
    await reader.insertCard('zhang');
  });
  afterEach(() => reader.close());

  async function jam(): Promise<{ before: DeviceStatus[]; after: DeviceStatus[] }> {
    const before = statusesWith(reader.status());
    reader.setFault('ejectJam');
    await expect(reader.eject()).rejects.toMatchObject({ code: ErrorCode.CARD_READER_JAM });
    return { before, after: statusesWith(reader.status()) };
  }

  it('the kiosk is degraded for its card reader, and its fleet status names the jam', async () => {
    const { after } = await jam();
    const view = kioskViewAfterSelfTest(after);
    expect(view).toMatchObject({ mode: 'degraded', reason: ServiceReason.CARD_READER_DOWN });
    // no card stock reported here: the loss report alone
    expect(view.journeysOffered).toEqual(['reportLoss']);
    const status = toFleetStatus(view, after);
    expect(status.devices.find((d) => d.kind === 'cardReader')).toMatchObject({
      device: 'hardwareError',
      faultCode: ErrorCode.CARD_READER_JAM,
    });
    expect(OnlineStatusSchema.safeParse(onlineStatusMessage(status, at)).success).toBe(true);
  });

  it('the fleet hears a device fault CARD_READER_JAM, then the fault cleared once staff free the card', async () => {
    const { before, after } = await jam();
    const raised = faultEvents(before, after);
    expect(raised).toEqual([{ type: 'deviceFault', device: 'cardReader', code: ErrorCode.CARD_READER_JAM }]);
    for (const event of raised)
      expect(TelemetryEventSchema.safeParse({ ...event, ...envelope }).success).toBe(true);
    // field staff open the reader, take the card out, clear the mechanism and the fault
    await reader.pullCard();
    reader.setFault(null);
    await reader.selfTest();
    expect(faultEvents(after, statusesWith(reader.status()))).toEqual([
      { type: 'faultCleared', device: 'cardReader' },
    ]);
  });
});
