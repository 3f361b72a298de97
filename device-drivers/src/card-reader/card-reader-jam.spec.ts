/**
 * The fault: the card jams in the reader on its way to the slot. It used to surface as the
 * generic DEVICE_HARDWARE_ERROR, so neither field staff nor the fleet could tell a jam (open the
 * reader, free the card) from any other fault. Now the eject fails CARD_READER_JAM and the reader
 * reports `hardwareError` with the fault CARD_READER_JAM until staff free the card and clear it.
 */
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { ErrorCode, type DeviceStatus } from '@kiosk/domain';
import { EmulatedCardReader } from './emulated-card-reader.js';

describe('fault: the card jams in the reader on its way to the slot', () => {
  let reader: EmulatedCardReader;
  let pushed: DeviceStatus[];

  beforeEach(async () => {
    reader = new EmulatedCardReader({ today: new Date('2026-11-26') });
    pushed = [];
    reader.onStatus((status) => pushed.push(status));
    await reader.open();
    await reader.insertCard('zhang');
  });
  afterEach(() => reader.close());

  it('the eject fails CARD_READER_JAM and the card stays inside', async () => {
    reader.setFault('ejectJam');
    await expect(reader.eject()).rejects.toMatchObject({
      code: ErrorCode.CARD_READER_JAM,
      details: { jam: 'eject' },
    });
    expect(reader.cardPosition()).toBe('inReader');
  });

  it('the reader reports the jam by its own code, pushed as it happens', async () => {
    reader.setFault('ejectJam');
    await expect(reader.eject()).rejects.toMatchObject({ code: ErrorCode.CARD_READER_JAM });
    const jammed = { device: 'hardwareError', fault: { code: ErrorCode.CARD_READER_JAM } };
    expect(reader.status()).toMatchObject(jammed);
    expect(pushed.at(-1)).toMatchObject(jammed);
  });

  it('stays jammed through a self test until staff free the card, then reads online again', async () => {
    reader.setFault('ejectJam');
    await expect(reader.eject()).rejects.toMatchObject({ code: ErrorCode.CARD_READER_JAM });
    expect(await reader.selfTest()).toMatchObject({ fault: { code: ErrorCode.CARD_READER_JAM } });
    // staff open the reader, take the card out and clear the mechanism
    await reader.pullCard();
    reader.setFault(null);
    expect(await reader.selfTest()).toMatchObject({ device: 'online' });
    expect(reader.status().fault).toBeUndefined();
    expect(pushed.at(-1)).toMatchObject({ device: 'online' });
  });
});
