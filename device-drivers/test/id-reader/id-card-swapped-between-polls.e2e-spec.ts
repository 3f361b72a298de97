/**
 * Fault: an ID card swapped for another person's between two polls, then read, was taken for the
 * card read before. The reader's "card last read" is whichever card it read last: the check at an
 * act that found another card laid there read it to see whose it was (and refused it), and from
 * then on `sameCardAsRead` said yes for that card, unlifted, and nothing said whose: the act tried
 * again passed with the other person's card on the reader (docs/adr/0019). The protocol tells the
 * lift (the held card's probe fails, or, on a module that can tell none, the card read again
 * differs); what it cannot tell is which card the kiosk asks after, so the port is asked by the ID
 * number checked: the card last read answers only for its own number. Each module, the driver
 * polling, against the byte-level emulator over a pseudo terminal.
 */
import { EMULATED_ID_CARDS } from '../../src/id-reader/index.js';
import { GA467_MODULES, type Ga467Rig, moreLooks, nextCardEvent, startGa467Rig } from './ga467-rig.js';

const ZHANG = EMULATED_ID_CARDS['zhang']!.idNumber;
const LI = EMULATED_ID_CARDS['li']!.idNumber;

describe.each(GA467_MODULES)('fault: id-card-swapped-between-polls, module %s', (_, emulator) => {
  let rig: Ga467Rig;
  afterEach(async () => {
    await rig.stop();
  });

  it("another person's card laid down between two polls and read by a check: never taken for the card read before", async () => {
    rig = await startGa467Rig({ emulator, reader: { cardPollMs: 20 } });
    const placed = nextCardEvent(rig, 'placed');
    rig.emulator.placeCard('zhang');
    await placed;
    await expect(rig.reader.readIdCard()).resolves.toMatchObject({ idNumber: ZHANG });
    await moreLooks(rig, 2);
    // lifted and li's laid down in one moment, between two polls
    rig.emulator.removeCard();
    rig.emulator.placeCard('li');
    await moreLooks(rig, 3);
    await expect(rig.reader.sameCardAsRead(ZHANG)).resolves.toBe(false);
    // the act's check reads whose card lies there now (and refuses it)
    await expect(rig.reader.readIdCard()).resolves.toMatchObject({ idNumber: LI });
    await moreLooks(rig, 3);
    // li's card, read and never lifted since, answers for li only: asked again for zhang, no
    await expect(rig.reader.sameCardAsRead(ZHANG)).resolves.toBe(false);
    await expect(rig.reader.sameCardAsRead(ZHANG)).resolves.toBe(false);
    await expect(rig.reader.sameCardAsRead(LI)).resolves.toBe(true);
    // zhang's own card laid back: read again, it is the card read once more
    rig.emulator.removeCard();
    rig.emulator.placeCard('zhang');
    await expect(rig.reader.sameCardAsRead(ZHANG)).resolves.toBe(false);
    await expect(rig.reader.readIdCard()).resolves.toMatchObject({ idNumber: ZHANG });
    await expect(rig.reader.sameCardAsRead(ZHANG)).resolves.toBe(true);
  });
});
