import { loadConfig } from '@kiosk/config';
import { virtualCardsFor } from '@kiosk/device-drivers';
import { createCardPrinterDevices } from './card-printer-devices.js';

/** A card-making device set of the test profile (in-process chip station, emulated printer). */
function devicesWith(panel: boolean) {
  const config = loadConfig({
    profile: 'test',
    overrides: [`demo.panel=${panel}`, 'journal.path=:memory:'],
  });
  return createCardPrinterDevices(config, virtualCardsFor({}), () => undefined);
}

describe('card printer devices: the face preview', () => {
  const face = Buffer.from('a face with a photo and an ID number');

  it('keeps the last face for the demo panel', async () => {
    const devices = devicesWith(true);
    devices.lastFacePng = face;
    expect(devices.lastFacePng).toBe(face);
    await devices.close();
  });

  it('keeps no copy of a resident’s face without the demo panel', async () => {
    const devices = devicesWith(false);
    devices.lastFacePng = face;
    expect(devices.lastFacePng).toBeNull();
    await devices.close();
  });
});
