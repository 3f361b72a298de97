/**
 * Fault: an ID card swapped for another person's while the GA 467 reader did not answer was
 * taken, at its first look back, for the card read before: the same placement, never lifted. The
 * act's own check read it again and refused it, but the kiosk's "same placement" (the reminder to
 * take the card, naming the card read; the fee's wait, which the card's removal ends) went on
 * trusting it (docs/adr/0019). What happened on the pad while the kiosk was blind nothing tells:
 * now the first look back reads the card lying there and compares it with the card read; another
 * person's is reported removed, then placed `unseen`. The card read left lying there is the same
 * placement still, read again. Each module, the driver polling, against the byte-level emulator
 * over a pseudo terminal.
 */
import type { Ga467IdReaderEmulatorOptions } from '../../src/id-reader/index.js';
import { EMULATED_ID_CARDS } from '../../src/id-reader/index.js';
import type { IdCardEvent } from '../../src/id-reader/id-reader.port.js';
import { statusWhere } from '../common/status-where.js';
import { moreLooks, nextCardEvent, SILENT_ANSWER_MS, startGa467Rig, type Ga467Rig } from './ga467-rig.js';

const ZHANG = EMULATED_ID_CARDS['zhang']!.idNumber;

const MODULES: [string, Ga467IdReaderEmulatorOptions][] = [
  ['halting the card read', {}],
  ['finding the card read again', { cardAfterRead: 'findable' }],
  ['halting the card read, no read appended address', { readsAppendedAddress: false }],
  [
    'finding the card read again, no read appended address',
    { cardAfterRead: 'findable', readsAppendedAddress: false },
  ],
];

/** zhang's card laid on the reader and read; the reader then stops answering (reads offline). */
async function readThenSilent(emulator: Ga467IdReaderEmulatorOptions): Promise<Ga467Rig> {
  const rig = await startGa467Rig({ emulator, reader: { answerTimeoutMs: SILENT_ANSWER_MS } });
  const placed = nextCardEvent(rig, 'placed');
  rig.emulator.placeCard('zhang');
  await placed;
  await expect(rig.reader.readIdCard()).resolves.toMatchObject({ idNumber: ZHANG });
  const offline = statusWhere(rig.reader, (s) => s.device === 'offline');
  rig.emulator.setFault({ kind: 'noAnswer' });
  await offline;
  return rig;
}

/**
 * The reader answers again (`unreadable`: the card lying there cannot be read); resolves once it
 * reads online (it looked at its pad) and 3 more looks.
 */
async function answersAgain(rig: Ga467Rig, unreadable = false): Promise<void> {
  const online = statusWhere(rig.reader, (s) => s.device === 'online');
  rig.emulator.setFault(null);
  if (unreadable) rig.emulator.setFault({ kind: 'unreadable' });
  await online;
  await moreLooks(rig, 3);
}

describe.each(MODULES)('fault: id-card-swapped-while-reader-silent, module %s', (_, emulator) => {
  let rig: Ga467Rig;
  afterEach(async () => {
    await rig.stop();
  });

  it("another person's card laid down while the reader was silent: reported removed, then placed unseen", async () => {
    rig = await readThenSilent(emulator);
    const events: IdCardEvent[] = [];
    rig.reader.onCardEvent((e) => events.push(e));
    rig.emulator.removeCard();
    rig.emulator.placeCard('li');
    await answersAgain(rig);
    expect(events).toEqual([{ type: 'removed' }, { type: 'placed', unseen: true }]);
    expect(rig.reader.isCardPresent()).toBe(true);
    await expect(rig.reader.sameCardAsRead(ZHANG)).resolves.toBe(false);
  });

  it('a card that cannot be read laid down while the reader was silent: reported removed, then placed unseen', async () => {
    rig = await readThenSilent(emulator);
    const events: IdCardEvent[] = [];
    rig.reader.onCardEvent((e) => events.push(e));
    rig.emulator.removeCard();
    rig.emulator.placeCard('li');
    await answersAgain(rig, true);
    expect(events).toEqual([{ type: 'removed' }, { type: 'placed', unseen: true }]);
    await expect(rig.reader.sameCardAsRead(ZHANG)).resolves.toBe(false);
  });

  it('guard: the card read left lying there while the reader was silent: read again, the same placement', async () => {
    rig = await readThenSilent(emulator);
    const events: IdCardEvent[] = [];
    rig.reader.onCardEvent((e) => events.push(e));
    await answersAgain(rig);
    expect(events).toEqual([]);
    await expect(rig.reader.sameCardAsRead(ZHANG)).resolves.toBe(true);
  });

  it('guard: the card read lifted while the reader was silent: reported removed', async () => {
    rig = await readThenSilent(emulator);
    const events: IdCardEvent[] = [];
    rig.reader.onCardEvent((e) => events.push(e));
    rig.emulator.removeCard();
    await answersAgain(rig);
    expect(events).toEqual([{ type: 'removed' }]);
    expect(rig.reader.isCardPresent()).toBe(false);
  });
});
