/**
 * Every answer a card may give to the PIN tries query (VERIFY without a PIN), read with the card:
 * a count only from 63 Cx (0 from 63 C0 and from 69 83, a locked PIN), none from any other word,
 * so that no card is said locked, nor short, by a word that says neither: 69 84 (no PIN yet), 6A 88
 * (no such reference), 6D 00 / 6E 00 (the query not supported), 90 00 (the PIN verified already in
 * this power-up), and the rest. The card's data is read whole whatever the word. A card whose type
 * (ATR) is not listed as answering the query without spending a try (`pinTriesQueryAtrs`, the
 * profile's `pin.triesQueryAtrs`) is never sent it, and gives no count.
 */
import { INS } from './apdu.protocol.js';
import { word, zhangsCardBehind } from './card-behind-link.spec-support.js';
import { atrHex, ChipSession } from './chip-session.js';
import { TRIES_QUERY_SPENDING_ATR } from './social-security-card.protocol.js';

/** zhang's card read, the tries query answered `sw`; every other command the card's. */
async function readWithQueryAnswered(sw: number) {
  const link = await zhangsCardBehind((command) =>
    command.length === 4 && command[1] === INS.VERIFY ? word(sw) : undefined,
  );
  return new ChipSession(link).readCard();
}

describe('the card’s answer to the PIN tries query', () => {
  it.each([
    ['63 C3: 3 tries', 0x63c3, 3],
    ['63 C1: 1 try', 0x63c1, 1],
    ['63 C0: 0, locked', 0x63c0, 0],
    ['69 83: 0, locked', 0x6983, 0],
  ])('%s', async (_word, sw, count) => {
    const card = await readWithQueryAnswered(sw);
    expect(card).toMatchObject({ cardNumber: 'H41080000101', pinTriesLeft: count });
  });

  it.each([
    ['90 00, the PIN verified already', 0x9000],
    ['69 84, no PIN yet', 0x6984],
    ['6A 88, no such reference', 0x6a88],
    ['6D 00, VERIFY not supported', 0x6d00],
    ['6E 00, class not supported', 0x6e00],
    ['67 00, a VERIFY without data refused', 0x6700],
    ['6A 86, P1-P2 refused', 0x6a86],
    ['69 85, conditions not satisfied', 0x6985],
    ['69 82, security status not satisfied', 0x6982],
    ['6F 00, no precise diagnosis', 0x6f00],
  ])('%s: no count, never locked', async (_what, sw) => {
    const card = await readWithQueryAnswered(sw);
    expect(card).toMatchObject({ cardNumber: 'H41080000101' });
    expect(card).not.toHaveProperty('pinTriesLeft');
  });
});

describe('the PIN tries query to a card type not listed (a chip that may spend a try on it)', () => {
  it('reads the card whole without sending it, and gives no count', async () => {
    const sent: Buffer[] = [];
    const link = await zhangsCardBehind((command) => {
      sent.push(command);
      return undefined;
    });
    const session = new ChipSession(link, { pinTriesQueryAtrs: [atrHex(TRIES_QUERY_SPENDING_ATR)] });
    const card = await session.readCard();
    expect(card).toMatchObject({ cardNumber: 'H41080000101' });
    expect(card).not.toHaveProperty('pinTriesLeft');
    expect(sent.filter((c) => c[1] === INS.VERIFY)).toEqual([]);
    // its type listed (by default, the virtual card's), the same card gives its count: the list,
    // not the card, said nothing
    const asked = await new ChipSession(await zhangsCardBehind(() => undefined)).readCard();
    expect(asked.pinTriesLeft).toBe(3);
  });
});
