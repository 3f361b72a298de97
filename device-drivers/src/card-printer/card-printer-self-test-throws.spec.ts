/**
 * Faults: the card printer's self test swallowed what threw inside it. The chip station's check
 * caught its link's start and said nothing (the station read as its link's state, online for a
 * link without one), and the printer's own self test was caught likewise (the printer read as
 * its last status): a kiosk whose chip station could not be started, or whose printer driver
 * failed, read the card printer up, offered card making, and field staff's clear fault passed.
 * Now either reads the card printer down with the error's code and a reason, pushed, and said
 * in the log by its code only; a later self test that passes brings it back. The printer is the
 * Evolis driver on its emulator; the station's link a scripted one (a unit test of one unit),
 * and a PC/SC binding whose context is broken.
 */
import { afterEach, describe, expect, it, jest } from '@jest/globals';
import { ErrorCode, KioskError, type DeviceStatus } from '@kiosk/domain';
import type { ChipLinkState } from '../card-reader/chip-link.js';
import { fakePcsc } from '../card-reader/fake-pcsclite.js';
import { InProcessChipLink } from '../card-reader/in-process-chip.link.js';
import { PcscChipLink } from '../card-reader/pcsc-chip.link.js';
import type { PcscContext } from '../card-reader/pcsclite.types.js';
import { CardPrinterWithChipStation } from './card-printer-with-chip-station.js';
import { ChipStation } from './chip-station.js';
import { closePrinters, printer } from './evolis-printer-rig.js';

const ENCODER = 'Evolis Primacy 2 Contact Encoder 00 00';
/** a resident's ID number in an error's text: it must reach neither the log nor the status */
const ID_NUMBER = '410802199001011234';

/** A link of its own life whose start throws `error` the first `throws` times, then starts. */
class StartThrowingLink extends InProcessChipLink {
  constructor(
    private throws: number,
    private readonly error: unknown,
  ) {
    super();
  }
  async start(): Promise<ChipLinkState> {
    if (this.throws-- > 0) throw this.error;
    return 'online';
  }
}

const links: { close(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(links.splice(0).map((link) => link.close()));
  await closePrinters();
});

/** The card printer on the emulator with this station; its pushed statuses and its log. */
async function cardPrinterWith(station: (log: (m: string) => void) => ChipStation) {
  const { emulator, driver } = await printer();
  const said: string[] = [];
  const log = (message: string) => said.push(message);
  const port = new CardPrinterWithChipStation(driver, station(log), { readerWaitMs: 10, log });
  const pushed: DeviceStatus[] = [];
  port.onStatus((status) => pushed.push(status));
  return { emulator, driver, port, said, pushed };
}

describe('card printer self test: what throws inside it is not swallowed', () => {
  it("fault: chip station check throws (its link's start): the card printer is reported down with the reason, logged by its code; a later check brings it back", async () => {
    const failure = new KioskError(ErrorCode.DEVICE_HARDWARE_ERROR, `encoder fault near ${ID_NUMBER}`);
    const link = new StartThrowingLink(1, failure);
    const { emulator, port, said, pushed } = await cardPrinterWith(
      (log) => new ChipStation(link, { readerName: ENCODER, log }),
    );

    const down = await port.selfTest();
    expect(down).toMatchObject({
      device: 'offline',
      fault: {
        code: ErrorCode.DEVICE_HARDWARE_ERROR,
        message: expect.stringContaining(`chip station (its PC/SC reader "${ENCODER}") could not be started`),
      },
    });
    expect(down.fault?.missingReader).toBeUndefined(); // not pcscd's to bring back: the reopen asks again
    expect(port.status()).toEqual(down);
    expect(pushed.at(-1)).toMatchObject({
      device: 'offline',
      fault: { code: ErrorCode.DEVICE_HARDWARE_ERROR },
    });
    expect(said).toEqual([
      "Card printer: the chip station's link could not be started: DEVICE_HARDWARE_ERROR",
    ]);
    expect(JSON.stringify([down, said])).not.toContain(ID_NUMBER);
    // no blank is spent on a chip that cannot be made meanwhile
    await expect(port.feedToChipStation()).rejects.toMatchObject({ code: ErrorCode.DEVICE_OFFLINE });
    expect(emulator.counts()).toMatchObject({ inHopper: 5 });

    expect(await port.selfTest()).toMatchObject({ device: 'online' });
    expect(port.status().fault).toBeUndefined();
    expect(pushed.at(-1)).toMatchObject({ device: 'online' });
  });

  it('fault: chip station check throws on a PC/SC binding whose context is broken: the card printer is reported down, coded INTERNAL', async () => {
    const broken = () => ({}) as PcscContext; // a binding that makes a context without its events
    const link = new PcscChipLink({ pcsclite: broken, readerName: ENCODER, closeTimeoutMs: 10 });
    links.push(link);
    const { port, said } = await cardPrinterWith(
      (log) => new ChipStation(link, { readerName: ENCODER, log }),
    );
    expect(await port.selfTest()).toMatchObject({
      device: 'offline',
      fault: {
        code: ErrorCode.INTERNAL,
        message: expect.stringContaining('could not be started (INTERNAL)'),
      },
    });
    expect(said).toEqual(["Card printer: the chip station's link could not be started: INTERNAL"]);
  });

  it("fault: the printer's own self test throws: the card printer is reported down with its code, logged by it; the next passing self test brings it back", async () => {
    const { driver, port, said, pushed } = await cardPrinterWith(
      (log) => new ChipStation(new InProcessChipLink(), { log }),
    );
    expect(port.status().device).toBe('online');
    jest.spyOn(driver, 'selfTest').mockRejectedValueOnce(new TypeError(`cannot read ${ID_NUMBER}`));

    const down = await port.selfTest();
    expect(down).toMatchObject({
      device: 'offline',
      fault: {
        code: ErrorCode.INTERNAL,
        message: expect.stringContaining("card printer's self test failed"),
      },
    });
    expect(down.supplies).toEqual(driver.status().supplies);
    expect(pushed.at(-1)).toMatchObject({ device: 'offline', fault: { code: ErrorCode.INTERNAL } });
    expect(said).toEqual(['Card printer: its self test threw: INTERNAL']);
    expect(JSON.stringify([down, said])).not.toContain(ID_NUMBER);

    expect(await port.selfTest()).toMatchObject({ device: 'online' });
    expect(port.status().fault).toBeUndefined();
  });

  it("a printer fault of the printer's own still goes first over a self test that threw", async () => {
    const { emulator, driver, port } = await cardPrinterWith(() => new ChipStation(new InProcessChipLink()));
    emulator.setFault('coverOpen');
    await driver.selfTest();
    jest.spyOn(driver, 'selfTest').mockRejectedValueOnce(new Error('driver fault'));
    expect(await port.selfTest()).toMatchObject({
      device: 'userError',
      fault: { code: ErrorCode.CARD_PRINTER_COVER_OPEN },
    });
  });

  it("a check cut short by its caller's signal is no fault of the station: its reader's reach still says why, for pcscd's events to follow", async () => {
    const pcscd = fakePcsc();
    const link = new PcscChipLink({ pcsclite: pcscd.factory, readerName: ENCODER, closeTimeoutMs: 10 });
    links.push(link);
    const { port, said } = await cardPrinterWith(
      (log) => new ChipStation(link, { readerName: ENCODER, log }),
    );
    const signal = AbortSignal.abort();
    expect(await port.selfTest(signal)).toMatchObject({
      device: 'offline',
      fault: { code: ErrorCode.DEVICE_OFFLINE, missingReader: ENCODER },
    });
    expect(said).toEqual([]);
  });
});
