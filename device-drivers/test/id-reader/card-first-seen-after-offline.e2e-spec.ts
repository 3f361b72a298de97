/**
 * Fault: an ID card found when the GA 467 reader comes back (offline at boot, or not answering
 * mid-day) was reported as a plain placement, so the kiosk took it for one made while it watched
 * (docs/adr/0019). The first look after the reader was out of sight sees no placement and no
 * lift: a card it finds that was not there before is reported placed `unseen`; a card the driver
 * read and held, on a module restarted meanwhile (it forgets the card it halted), is the same card
 * still lying there, not lifted and placed. A halted card the first look cannot find (the module
 * kept it halted) is no card seen: placed again later, it is a placement seen.
 */
import { Ga467IdReader, openGa467SerialPort } from '../../src/id-reader/ga467-id-reader.driver.js';
import { IdReaderCommand } from '../../src/id-reader/id-reader.protocol.js';
import type { IdCardEvent } from '../../src/id-reader/id-reader.port.js';
import { statusWhere } from '../common/status-where.js';
import {
  type Ga467Rig,
  moreLooks,
  nextCardEvent,
  RIG_TIMINGS,
  SILENT_ANSWER_MS,
  startGa467Rig,
} from './ga467-rig.js';

/** The driver's card events from now on. */
function eventsOf(reader: Ga467IdReader): IdCardEvent[] {
  const events: IdCardEvent[] = [];
  reader.onCardEvent((e) => events.push(e));
  return events;
}

/**
 * Resolves once the driver has asked the module `n` more times whether a card lies there (by find
 * card alone: what the driver asks once it holds no card read, or as the presence probe's backup).
 */
async function moreFindCards(rig: Ga467Rig, n: number): Promise<void> {
  const asked = () => rig.emulator.answered(IdReaderCommand.FIND_CARD);
  const target = asked() + n;
  while (asked() < target) await new Promise((r) => setTimeout(r, 10));
}

/** The reader stops answering until `back` runs; resolves once the driver reports it offline. */
async function silenced(rig: Ga467Rig): Promise<void> {
  const offline = statusWhere(rig.reader, (s) => s.device === 'offline');
  rig.emulator.setFault({ kind: 'noAnswer' });
  await offline;
}

describe('fault: an ID card first seen when the GA 467 reader comes back', () => {
  let rig: Ga467Rig;
  afterEach(async () => {
    await rig.stop();
  });

  it('a card lying on the reader when it first opens (offline at boot) is reported placed unseen', async () => {
    rig = await startGa467Rig({ open: false });
    rig.emulator.placeCard('li');
    const events = eventsOf(rig.reader);
    await rig.reader.open();
    expect(events).toEqual([{ type: 'placed', unseen: true }]);
    expect(rig.reader.isCardPresent()).toBe(true);
  });

  it('a card placed while the reader did not answer is reported placed unseen when it answers again', async () => {
    rig = await startGa467Rig({ reader: { answerTimeoutMs: SILENT_ANSWER_MS } });
    await silenced(rig);
    rig.emulator.placeCard('li');
    const events = eventsOf(rig.reader);
    const placed = nextCardEvent(rig, 'placed');
    rig.emulator.setFault(null);
    await placed;
    expect(events).toEqual([{ type: 'placed', unseen: true }]);
  });

  it('reader back mid-day reads online only once it looked at the pad: a card placed then is a placement seen', async () => {
    // no polling: the reopen's self-test is the only thing that asks the reader once it answers
    rig = await startGa467Rig({ reader: { answerTimeoutMs: SILENT_ANSWER_MS, cardPollMs: 0 } });
    const offline = statusWhere(rig.reader, (s) => s.device === 'offline');
    rig.emulator.setFault({ kind: 'noAnswer' });
    await expect(rig.reader.readIdCard()).rejects.toMatchObject({ code: 'DEVICE_TIMEOUT' });
    await offline;
    rig.emulator.setFault(null);
    await expect(rig.reader.selfTest()).resolves.toMatchObject({ device: 'online' });
    // the resident sees the kiosk in service and places a card: seen placed, not found lying there
    const events = eventsOf(rig.reader);
    rig.emulator.placeCard('li');
    await expect(rig.reader.readIdCard()).resolves.toMatchObject({ name: '李秀英' });
    expect(events).toEqual([{ type: 'placed' }]);
  });

  it('a card placed after the first look is a placement seen', async () => {
    rig = await startGa467Rig();
    const events = eventsOf(rig.reader);
    const placed = nextCardEvent(rig, 'placed');
    rig.emulator.placeCard('li');
    await placed;
    expect(events).toEqual([{ type: 'placed' }]);
  });

  it.each([
    ['with read appended address', true],
    ['without read appended address', false],
  ])(
    'a card read and held, its module restarted while the reader did not answer, is neither lifted nor placed (%s)',
    async (_, readsAppendedAddress) => {
      rig = await startGa467Rig({
        reader: { answerTimeoutMs: SILENT_ANSWER_MS },
        emulator: { readsAppendedAddress },
      });
      const placed = nextCardEvent(rig, 'placed');
      rig.emulator.placeCard('li');
      await placed;
      await rig.reader.readIdCard();
      await silenced(rig);
      const events = eventsOf(rig.reader);
      // the module lost its power with the cable: it no longer knows the card it halted
      rig.emulator.restart();
      rig.emulator.setFault(null);
      await moreLooks(rig, 3);
      expect(events).toEqual([]);
      expect(rig.reader.isCardPresent()).toBe(true);
      await expect(rig.reader.readIdCard()).resolves.toMatchObject({ name: '李秀英' });
    },
  );

  it('a card read and held, lifted while the reader did not answer, is reported removed when it answers again', async () => {
    rig = await startGa467Rig({ reader: { answerTimeoutMs: SILENT_ANSWER_MS } });
    const placed = nextCardEvent(rig, 'placed');
    rig.emulator.placeCard('li');
    await placed;
    await rig.reader.readIdCard();
    await silenced(rig);
    rig.emulator.removeCard();
    const removed = nextCardEvent(rig, 'removed');
    rig.emulator.setFault(null);
    await removed;
    expect(rig.reader.isCardPresent()).toBe(false);
  });

  it('a card the module kept halted across a restart of the kiosk is not seen; placed again, it is a placement seen', async () => {
    rig = await startGa467Rig();
    const placed = nextCardEvent(rig, 'placed');
    rig.emulator.placeCard('li');
    await placed;
    await rig.reader.readIdCard();
    await rig.reader.close();
    // the kiosk starts again; the module kept its power and the card it halted
    const again = new Ga467IdReader(await openGa467SerialPort(rig.pty.hostPath), {
      ...RIG_TIMINGS,
      cardPollMs: 20,
    });
    try {
      const events: IdCardEvent[] = [];
      again.onCardEvent((e) => events.push(e));
      await again.open();
      await moreFindCards(rig, 3);
      expect(again.isCardPresent()).toBe(false);
      rig.emulator.removeCard();
      rig.emulator.placeCard('li');
      await moreFindCards(rig, 3);
      expect(events).toEqual([{ type: 'placed' }]);
    } finally {
      await again.close();
    }
  });
});
