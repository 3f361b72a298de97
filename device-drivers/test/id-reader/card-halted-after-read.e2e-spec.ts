/**
 * A GA 467 module that halts the card it has read (docs/id-reader-ga467.md): "find card" answers
 * "no card" of the card still lying on the reader, select fails, until it is lifted. The driver must
 * not take that for the card taken away (the card-making fee wait ends when the ID card leaves),
 * must notice the card really lifted, and must read the card left on the reader again. The same
 * specs run against a module that finds the card again (with and without the read appended address
 * the driver asks the card read with), so the driver is right for each; a halting module without
 * it cannot tell the card lifted, and the driver then never reports it lifted wrongly.
 */
import { Duplex } from 'node:stream';
import { ErrorCode } from '@kiosk/domain';
import { type Ga467CardAfterRead, type Ga467IdReaderEmulatorOptions } from '../../src/id-reader/index.js';
import { Ga467IdReaderEmulator, ga467Protocol } from '../../src/id-reader/ga467-serial-road.js';
import { type Ga467Rig, moreLooks, nextCardEvent, startGa467Rig } from './ga467-rig.js';

const { IdReaderCommand, IdReaderStatus, encodeIdCommand, IdFrameDecoder } = ga467Protocol;

/** The emulator alone on a stream: the answers' status bytes to the commands sent, in order. */
function emulatorOnAStream(cardAfterRead: Ga467CardAfterRead) {
  const decoder = new IdFrameDecoder();
  const statuses: number[] = [];
  const stream = new Duplex({
    read() {},
    write(chunk: Buffer, _encoding, done) {
      for (const item of decoder.push(chunk)) if (item.type === 'frame') statuses.push(item.body[2] ?? -1);
      done();
    },
  });
  const emulator = new Ga467IdReaderEmulator(cardAfterRead === 'halted' ? {} : { cardAfterRead });
  emulator.attach(stream);
  const send = async (command: readonly [number, number]): Promise<number> => {
    const before = statuses.length;
    stream.push(encodeIdCommand(command));
    while (statuses.length === before) await new Promise((r) => setImmediate(r));
    return statuses[before] ?? -1;
  };
  return { emulator, send };
}

describe('the emulated GA 467 module and a card it has read', () => {
  it('halted (the default): find card answers "no card" and select fails while the card lies there', async () => {
    const { emulator, send } = emulatorOnAStream('halted');
    emulator.placeCard('zhang');
    expect(await send(IdReaderCommand.FIND_CARD)).toBe(IdReaderStatus.CARD_FOUND);
    expect(await send(IdReaderCommand.SELECT_CARD)).toBe(IdReaderStatus.OK);
    expect(await send(IdReaderCommand.READ_BASE_MESSAGE)).toBe(IdReaderStatus.OK);
    expect(await send(IdReaderCommand.FIND_CARD)).toBe(IdReaderStatus.NO_CARD);
    expect(await send(IdReaderCommand.SELECT_CARD)).toBe(IdReaderStatus.SELECT_FAILED);
    // the card is still selected: commands to it answer
    expect(await send(IdReaderCommand.READ_APPENDED_ADDRESS)).toBe(IdReaderStatus.NO_CONTENT);
    expect(await send(IdReaderCommand.READ_BASE_MESSAGE)).toBe(IdReaderStatus.OK);
    // lifted: nothing answers; placed again: found again
    emulator.removeCard();
    expect(await send(IdReaderCommand.READ_APPENDED_ADDRESS)).toBe(IdReaderStatus.READ_FAILED);
    emulator.placeCard('zhang');
    expect(await send(IdReaderCommand.FIND_CARD)).toBe(IdReaderStatus.CARD_FOUND);
  });

  it('findable: find card finds the card read again', async () => {
    const { emulator, send } = emulatorOnAStream('findable');
    emulator.placeCard('zhang');
    await send(IdReaderCommand.FIND_CARD);
    await send(IdReaderCommand.SELECT_CARD);
    expect(await send(IdReaderCommand.READ_BASE_MESSAGE)).toBe(IdReaderStatus.OK);
    expect(await send(IdReaderCommand.FIND_CARD)).toBe(IdReaderStatus.CARD_FOUND);
  });
});

const MODULES: [string, Ga467IdReaderEmulatorOptions][] = [
  ['halting the card read', {}],
  ['finding the card read again', { cardAfterRead: 'findable' }],
  [
    'finding the card read again, no read appended address',
    { cardAfterRead: 'findable', readsAppendedAddress: false },
  ],
];

async function rigWithCardPlaced(emulator: Ga467IdReaderEmulatorOptions): Promise<Ga467Rig> {
  const rig = await startGa467Rig({ emulator });
  const placed = nextCardEvent(rig, 'placed');
  rig.emulator.placeCard('zhang');
  await placed;
  return rig;
}

/** Counts the driver's "removed" events from now on. */
function removals(rig: Ga467Rig): () => number {
  let removed = 0;
  rig.reader.onCardEvent((e) => {
    if (e.type === 'removed') removed += 1;
  });
  return () => removed;
}

describe.each(MODULES)('the ID card reader driver, module %s', (_, emulator) => {
  let rig: Ga467Rig;
  beforeEach(async () => {
    rig = await rigWithCardPlaced(emulator);
  });
  afterEach(async () => {
    await rig.stop();
  });

  it('the card read stays present while it lies there: a module halting it after a read is no "removed"', async () => {
    const removed = removals(rig);
    await rig.reader.readIdCard();
    await moreLooks(rig, 5);
    expect(removed()).toBe(0);
    expect(rig.reader.isCardPresent()).toBe(true);
  });

  it('the card read and then lifted is noticed as taken away, and placed again as placed', async () => {
    await rig.reader.readIdCard();
    const removed = nextCardEvent(rig, 'removed');
    rig.emulator.removeCard();
    await removed;
    expect(rig.reader.isCardPresent()).toBe(false);
    const placed = nextCardEvent(rig, 'placed');
    rig.emulator.placeCard('li');
    await placed;
    await expect(rig.reader.readIdCard()).resolves.toMatchObject({ name: '李秀英' });
  });

  it('the card read and left on the reader reads again without being lifted', async () => {
    const first = await rig.reader.readIdCard();
    await moreLooks(rig, 2);
    await expect(rig.reader.readIdCard()).resolves.toEqual(first);
  });

  it('the card read, lifted and not put back is absent to the next read', async () => {
    await rig.reader.readIdCard();
    const removed = nextCardEvent(rig, 'removed');
    rig.emulator.removeCard();
    await removed;
    await expect(rig.reader.readIdCard()).rejects.toMatchObject({ code: ErrorCode.ID_CARD_ABSENT });
  });
});

describe('the ID card reader driver, module halting the card read that knows no read appended address', () => {
  let rig: Ga467Rig;
  beforeEach(async () => {
    rig = await rigWithCardPlaced({ readsAppendedAddress: false });
  });
  afterEach(async () => {
    await rig.stop();
  });

  it('the card read is never taken for lifted by a poll, and reads again without being lifted', async () => {
    const removed = removals(rig);
    const first = await rig.reader.readIdCard();
    await moreLooks(rig, 5);
    expect(removed()).toBe(0);
    expect(rig.reader.isCardPresent()).toBe(true);
    await expect(rig.reader.readIdCard()).resolves.toEqual(first);
  });

  it('lifted, nothing tells it by polling (no wrong "removed" either); the next read finds it absent', async () => {
    const removed = removals(rig);
    await rig.reader.readIdCard();
    rig.emulator.removeCard();
    await moreLooks(rig, 5);
    expect(removed()).toBe(0);
    await expect(rig.reader.readIdCard()).rejects.toMatchObject({ code: ErrorCode.ID_CARD_ABSENT });
    expect(rig.reader.isCardPresent()).toBe(false);
    expect(removed()).toBe(1);
    const placed = nextCardEvent(rig, 'placed');
    rig.emulator.placeCard('li');
    await placed;
    await expect(rig.reader.readIdCard()).resolves.toMatchObject({ name: '李秀英' });
  });

  it('lifted and placed again unnoticed, the card found anew is a placement of its own (removed, then placed)', async () => {
    await rig.reader.readIdCard();
    const events: string[] = [];
    rig.reader.onCardEvent((e) => events.push(e.type));
    rig.emulator.removeCard();
    await moreLooks(rig, 3);
    const placed = nextCardEvent(rig, 'placed');
    rig.emulator.placeCard('li');
    await placed;
    expect(events).toEqual(['removed', 'placed']);
    expect(rig.reader.isCardPresent()).toBe(true);
    await expect(rig.reader.readIdCard()).resolves.toMatchObject({ name: '李秀英' });
  });
});
