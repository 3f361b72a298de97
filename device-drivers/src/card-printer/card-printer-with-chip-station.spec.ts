/**
 * The card-making port's one status: the printer's, with its chip station's fault when the
 * printer is usable by itself. A fault of the printer's own goes first (staff see what to fix on
 * the printer), a station known unusable from config reads so whatever its link says, and a
 * station on the in-process link never holds the printer back. And no blank is fed while the
 * station is known down: it could not be encoded, only spoiled.
 */
import { ErrorCode } from '@kiosk/domain';
import { EMPTY, fakePcsc, until } from '../card-reader/fake-pcsclite.js';
import { InProcessChipLink } from '../card-reader/in-process-chip.link.js';
import { PcscChipLink } from '../card-reader/pcsc-chip.link.js';
import { CardPrinterWithChipStation } from './card-printer-with-chip-station.js';
import { ChipStation } from './chip-station.js';
import { closePrinters, printer } from './evolis-printer-rig.js';

const ENCODER = 'Evolis Primacy 2 Contact Encoder 00 00';
const links: { close(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(links.splice(0).map((link) => link.close()));
  await closePrinters();
});

/** A station on pcscd (scripted) whose named reader is not there; `pcscd` plugs it. */
function absentStation(pcscd = fakePcsc()): ChipStation {
  const link = new PcscChipLink({ pcsclite: pcscd.factory, readerName: ENCODER, closeTimeoutMs: 10 });
  links.push(link);
  return new ChipStation(link, { readerName: ENCODER });
}

describe('card printer with its chip station', () => {
  it('a printer fault of its own goes first: cover open reads as the printer’s, the station’s after it is closed', async () => {
    const { emulator, driver } = await printer();
    const port = new CardPrinterWithChipStation(driver, absentStation(), { readerWaitMs: 10 });
    emulator.setFault('coverOpen');
    expect(await port.selfTest()).toMatchObject({
      device: 'userError',
      fault: { code: ErrorCode.CARD_PRINTER_COVER_OPEN },
    });
    emulator.closeCover();
    expect(await port.selfTest()).toMatchObject({
      device: 'offline',
      fault: { code: ErrorCode.DEVICE_OFFLINE, message: expect.stringContaining(`"${ENCODER}"`) },
    });
  });

  it('a station known unusable from config reads offline with its fault, whatever its link says', async () => {
    const { driver } = await printer();
    const unusable = { code: ErrorCode.DEVICE_OFFLINE, message: 'The chip station is not configured.' };
    const port = new CardPrinterWithChipStation(
      driver,
      new ChipStation(new InProcessChipLink(), { unusable }),
    );
    expect(await port.selfTest()).toMatchObject({ device: 'offline', fault: unusable });
    expect(port.status().supplies).toEqual(driver.status().supplies);
  });

  it('a station on the in-process link never holds the printer back', async () => {
    const { driver } = await printer();
    const port = new CardPrinterWithChipStation(driver, new ChipStation(new InProcessChipLink()));
    expect(await port.selfTest()).toEqual(driver.status());
    expect(port.status().device).toBe('online');
  });

  it('chip station reader absent when a blank is asked for: refused DEVICE_OFFLINE, no blank leaves the hopper', async () => {
    const { emulator, driver } = await printer();
    const pcscd = fakePcsc();
    const port = new CardPrinterWithChipStation(driver, absentStation(pcscd), { readerWaitMs: 10 });
    await port.selfTest();
    const refused = port.feedToChipStation();
    await expect(refused).rejects.toMatchObject({
      code: ErrorCode.DEVICE_OFFLINE,
      message: expect.stringContaining(`"${ENCODER}"`),
      details: { device: 'chipStation' },
    });
    expect(emulator.counts()).toMatchObject({ inHopper: 5, rejected: 0 });
    expect(port.cardPosition()).toBe('none');
    // the encoder plugged back: the next blank goes to the station
    const link = links[0] as PcscChipLink;
    pcscd.state.contexts[0]!.add(ENCODER).status({ state: EMPTY });
    await until(link, 'online');
    await port.feedToChipStation();
    expect(emulator.counts()).toMatchObject({ inHopper: 4 });
    expect(port.cardPosition()).toBe('chipStation');
  });
});
