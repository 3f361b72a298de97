/**
 * The fault: the card read asks the chip its PIN tries left with VERIFY without a PIN, which
 * ISO 7816-4 says answers 63 Cx and spends none. A chip met in the field takes it for a wrong PIN:
 * every read spent one of the resident's tries before a PIN was typed, so a resident had one wrong
 * PIN fewer than the card's limit, and a card one try short was locked by its read alone.
 * Now the query goes only to the card types known to answer it without spending one, named by
 * their ATR (`pin.triesQueryAtrs`, the virtual card's own by default); any other card is read
 * without it and its tries left come from its answer to the resident's own VERIFY.
 * Through the real PC/SC stack: pcsclite, pcscd (a child of this test), vpcd, the virtual card on
 * the chip that spends a try on the query.
 */
import { jest } from '@jest/globals';
import { demoResident } from '@kiosk/domain';
import {
  cardMemoryOf,
  createDemoCards,
  demoCardSpec,
  InMemoryCardStore,
  type PcscCardReader,
} from '../../src/card-reader/index.js';
import { describeOnPcscStack, pcscdForSuite, pinOf, readerOn, today } from './pcsc-card-reader.helpers.js';

jest.setTimeout(30_000);

const describePcsc = describeOnPcscStack();

/** zhang's card made on the chip that spends a try on the query, with `pinTriesLeft` left. */
const onSpendingChip = (cardId: string, pinTriesLeft?: number) =>
  cardMemoryOf({
    ...demoCardSpec({ ...demoResident('zhang')!, key: cardId }, today),
    ...(pinTriesLeft === undefined ? {} : { pinTriesLeft }),
    spendsTryOnTriesQuery: true,
  });

describePcsc('pin-try-spent-by-the-tries-left-query (through pcscd and vpcd)', () => {
  const pcscd = pcscdForSuite();
  let reader: PcscCardReader;
  let store: InMemoryCardStore;
  /** the tries left the chip holds, from its memory: what the card itself would say */
  const triesOnChip = (cardId: string) => store.load(cardId)?.pinTriesLeft;

  beforeEach(async () => {
    store = new InMemoryCardStore();
    const cards = createDemoCards({
      store,
      today,
      extraCards: [onSpendingChip('spending'), onSpendingChip('spending-short', 1)],
    });
    reader = await readerOn(pcscd(), { cards, transmitTimeoutMs: 3000 });
  });
  afterEach(async () => {
    await reader.close();
  });

  it('a card on such a chip keeps every try through its reads: the resident has all three wrong PINs', async () => {
    await reader.insertCard('spending');
    const card = await reader.readCard();
    expect(card).toMatchObject({ cardNumber: 'H41080000101' });
    expect(card).not.toHaveProperty('pinTriesLeft'); // not asked, so not said
    expect(triesOnChip('spending')).toBe(3);
    // the count the PIN screen says comes from the answer to the resident's own PIN
    expect(await reader.verifyPin(pinOf('000000'))).toEqual({ result: 'wrong', attemptsLeft: 2 });
    await reader.eject();
    await reader.takeCard();
    // the next session's read spends none either
    await reader.insertCard('spending');
    await reader.readCard();
    expect(triesOnChip('spending')).toBe(2);
    expect(await reader.verifyPin(pinOf('000001'))).toEqual({ result: 'wrong', attemptsLeft: 1 });
    expect(await reader.verifyPin(pinOf('147258'))).toEqual({ result: 'ok' });
    expect(triesOnChip('spending')).toBe(3);
  });

  it('a card on such a chip one try short is not locked by its read: the right PIN opens it', async () => {
    await reader.insertCard('spending-short');
    await reader.readCard();
    expect(triesOnChip('spending-short')).toBe(1);
    expect(await reader.verifyPin(pinOf('147258'))).toEqual({ result: 'ok' });
  });

  it('a card of the type known to answer as ISO 7816-4 says is still asked, and spends none', async () => {
    await reader.insertCard('zhang');
    expect((await reader.readCard()).pinTriesLeft).toBe(3);
    expect(triesOnChip('zhang')).toBe(3);
  });
});
