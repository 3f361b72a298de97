/** Issuer operations of the chip station over the APDU layer: personalise a blank, reset a PIN. */
import { DEMO_RESIDENTS } from '@kiosk/domain';
import { SecurePin } from '../common/secure-pin.js';
import { deriveCardKey } from './social-security-card.protocol.js';
import { IssuerChipSession } from './issuer-chip-session.js';
import { InProcessChipLink } from './in-process-chip.link.js';
import { InMemoryCardStore } from './virtual-card/card-memory.js';
import {
  blankCardMemory,
  createDemoCards,
  DEMO_ISSUER_KEY,
  demoCardSpec,
} from './virtual-card/demo-cards.js';

const pinOf = (s: string) => SecurePin.fromKeys([...s].map(Number));

async function sessionOn(cardId: string, extra = blankCardMemory('blank-0001')) {
  const cards = createDemoCards({ store: new InMemoryCardStore(), extraCards: [extra] });
  const link = new InProcessChipLink();
  await link.attach(cards.open(cardId)!);
  return { session: new IssuerChipSession(link), cards, link };
}

describe('ChipSession issuer operations', () => {
  it('personalises a blank with EF05/EF06 and the default PIN, and reads it back', async () => {
    const { session } = await sessionOn('blank-0001');
    await expect(session.readCard()).rejects.toMatchObject({ code: 'CARD_DATA_CORRUPT' }); // not personalised
    const fields = {
      ...demoCardSpec(DEMO_RESIDENTS[3]!).fields,
      cardIdentifier: blankCardMemory('blank-0001').chipSerial,
    };
    const card = await session.personalise(DEMO_ISSUER_KEY, fields, pinOf('123456'));
    expect(card).toMatchObject({ name: '赵丽', cardNumber: 'H41080000104', recordsUnprinted: 0 });
    expect(await session.verifyPin(pinOf('123456'))).toEqual({ result: 'ok' });
  });

  it('refuses personalisation under another issuer key', async () => {
    const { session } = await sessionOn('blank-0001');
    const fields = demoCardSpec(DEMO_RESIDENTS[3]!).fields;
    await expect(session.personalise(Buffer.alloc(16, 7), fields, pinOf('123456'))).rejects.toMatchObject({
      code: 'CARD_NOT_SOCIAL_SECURITY',
    });
  });

  it('unblocks a blocked PIN under the issuer key with a new PIN', async () => {
    const { session } = await sessionOn('zhang');
    for (const p of ['000000', '000001', '000002']) await session.verifyPin(pinOf(p));
    expect(await session.verifyPin(pinOf('147258'))).toEqual({ result: 'blocked' });
    await session.resetPin(DEMO_ISSUER_KEY, pinOf('802468'));
    expect(await session.verifyPin(pinOf('802468'))).toEqual({ result: 'ok' });
  });

  it('unblocks a blocked PIN with the card key the host hands out, and the old PIN no longer works', async () => {
    const { session } = await sessionOn('zhang');
    for (const p of ['000000', '000001', '000002']) await session.verifyPin(pinOf(p));
    const serial = Buffer.from(demoCardSpec(DEMO_RESIDENTS[0]!).fields.cardIdentifier, 'hex');
    const cardKey = deriveCardKey(DEMO_ISSUER_KEY, serial);
    await session.resetPinWithCardKey(cardKey, pinOf('802468'));
    expect(cardKey.every((b) => b === 0)).toBe(false); // the caller's key is the caller's to wipe
    expect(await session.verifyPin(pinOf('147258'))).toEqual({ result: 'wrong', attemptsLeft: 2 });
    expect(await session.verifyPin(pinOf('802468'))).toEqual({ result: 'ok' });
  });

  it('refuses a PIN reset under the key of another card and leaves the PIN blocked', async () => {
    const { session } = await sessionOn('zhang');
    for (const p of ['000000', '000001', '000002']) await session.verifyPin(pinOf(p));
    const otherSerial = Buffer.from(demoCardSpec(DEMO_RESIDENTS[1]!).fields.cardIdentifier, 'hex');
    await expect(
      session.resetPinWithCardKey(deriveCardKey(DEMO_ISSUER_KEY, otherSerial), pinOf('802468')),
    ).rejects.toMatchObject({ code: 'CARD_NOT_SOCIAL_SECURITY' });
    expect(await session.verifyPin(pinOf('802468'))).toEqual({ result: 'blocked' });
  });

  it.each(['7301', '73019462', '730194628513'])(
    'changes a new card’s 6-digit default PIN to one of another length, %s (ISO 9564: 4–12 digits)',
    async (newPin) => {
      const { session } = await sessionOn('zhao');
      expect(await session.changePin(pinOf('123456'), pinOf(newPin))).toEqual({ result: 'ok' });
      expect(await session.verifyPin(pinOf(newPin))).toEqual({ result: 'ok' });
      expect(await session.verifyPin(pinOf('123456'))).toEqual({ result: 'wrong', attemptsLeft: 2 });
    },
  );

  it('refuses a weak-format new PIN on change with PIN_WEAK and keeps the old one', async () => {
    const { session } = await sessionOn('li');
    await expect(session.changePin(pinOf('258369'), pinOf('12'))).rejects.toMatchObject({ code: 'PIN_WEAK' });
    expect(await session.verifyPin(pinOf('258369'))).toEqual({ result: 'ok' });
  });
});
