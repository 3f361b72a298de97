/**
 * The card reader's waits for pcscd as the profile sets them reach the reader the daemon makes:
 * the auto driver's probe had waited the 1.5 s fixed in the daemon whatever the profile said; it
 * now waits `devices.cardReader.probeWaitMs`. The pcsc driver's start wait and the emulator's
 * none stay as they were.
 */
import { loadConfig } from '@kiosk/config';
import { DEFAULT_CARD_POSITION_WAIT_MS, DEFAULT_PCSC_READER_WAIT_MS } from '@kiosk/domain';
import { cardReaderWaitsOf } from './card-reader-waits.js';

const readerOf = (...overrides: string[]) => loadConfig({ profile: 'test', overrides }).devices.cardReader;

describe("the card reader's waits for pcscd, from the profile", () => {
  it("auto probe wait not following config: the profile's probeWaitMs is the probe's wait", () => {
    const reader = readerOf('devices.cardReader.driver=auto', 'devices.cardReader.probeWaitMs=250');
    expect(cardReaderWaitsOf(reader)).toEqual({
      probeMs: 250,
      lostReaderWaitMs: DEFAULT_CARD_POSITION_WAIT_MS,
    });
  });

  it("auto left as it is: the domain's wait, as before", () => {
    expect(cardReaderWaitsOf(readerOf('devices.cardReader.driver=auto'))).toEqual({
      probeMs: DEFAULT_PCSC_READER_WAIT_MS,
      lostReaderWaitMs: DEFAULT_CARD_POSITION_WAIT_MS,
    });
  });

  it('pcsc: its start wait, the probe then being that wait; the emulator waits for nothing', () => {
    const pcsc = readerOf('devices.cardReader.driver=pcsc', 'devices.cardReader.startWaitMs=0');
    expect(cardReaderWaitsOf(pcsc)).toEqual({
      startWaitMs: 0,
      lostReaderWaitMs: DEFAULT_CARD_POSITION_WAIT_MS,
    });
    expect(cardReaderWaitsOf(readerOf())).toEqual({});
  });

  it("fault: a chip command while the reader is lost mid-session failed at once: it waits as long as boot recovery waits for the reader's word on the card (positionWaitMs)", () => {
    const pcsc = readerOf('devices.cardReader.driver=pcsc', 'devices.cardReader.positionWaitMs=2500');
    const auto = readerOf('devices.cardReader.driver=auto', 'devices.cardReader.positionWaitMs=0');
    expect(cardReaderWaitsOf(pcsc)).toMatchObject({ lostReaderWaitMs: 2500 });
    expect(cardReaderWaitsOf(auto)).toMatchObject({ lostReaderWaitMs: 0 });
  });
});
