/**
 * Fault: with a card left in a motorless ("presence") reader, the next person at the kiosk read on
 * the home screen that "a card is left in the card reader", as if it were inside a motor reader,
 * while it sticks out of the slot for anyone to take. The kiosk view now says so
 * (`cardLeftAtSlot`) when the card journeys are held back for a card left in a reader that cannot
 * capture; a motor reader's view is as before. The reader as `PcscCardReader` makes it for a reader
 * without a motor, and the motorised reader's emulator.
 */
import { afterEach, describe, expect, it } from '@jest/globals';
import type { KioskConfig } from '@kiosk/config';
import { type CardReaderPort, EmulatedCardReader } from '@kiosk/device-drivers';
import { ServiceReason } from '@kiosk/domain';
import type { DevicesService } from '../devices/devices.service.js';
import { pcscdStandIn, presenceReaderOn } from './pcscd-presence-stand-in.spec-support.js';
import { kioskViewOf } from './session-views.js';

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

function viewWith(reader: CardReaderPort, reason?: string) {
  const snap = {
    value: 'degraded',
    context: { reason, reasons: reason === undefined ? [] : [reason], journeysOffered: ['reportLoss'] },
  };
  const config = { kiosk: { id: 'JZ-0001' }, demo: { panel: false } } as KioskConfig;
  const devices = { cardReader: reader, statuses: () => [] } as unknown as DevicesService;
  return kioskViewOf(snap as unknown as Parameters<typeof kioskViewOf>[0], config, devices);
}

describe('the kiosk view of a card left in the reader', () => {
  it('card-left-at-slot-kiosk-view: a presence reader holds it out of its slot; a motor reader, and another reason, as before', async () => {
    const pcscd = pcscdStandIn();
    const presence = presenceReaderOn(pcscd);
    await presence.open();
    cleanups.push(() => presence.close());
    pcscd.list(true);
    expect(viewWith(presence, ServiceReason.CARD_LEFT_IN_READER).cardLeftAtSlot).toBe(true);
    expect(viewWith(presence, ServiceReason.CARD_CAPTURE_BIN_FULL).cardLeftAtSlot).toBeUndefined();
    expect(viewWith(presence).cardLeftAtSlot).toBeUndefined();

    const motor = new EmulatedCardReader();
    await motor.open();
    cleanups.push(() => motor.close());
    expect(viewWith(motor, ServiceReason.CARD_LEFT_IN_READER)).not.toHaveProperty('cardLeftAtSlot');
  });
});
