/**
 * A command that carries a PIN block (VERIFY, CHANGE REFERENCE DATA, RESET RETRY COUNTER) is
 * zeroed once sent whatever came of it: the card pulled, silent or the link lost mid-command left
 * the PIN block in the command's bytes, in memory, for as long as they were not collected.
 */
import { DEMO_RESIDENTS, ErrorCode, KioskError } from '@kiosk/domain';
import { SecurePin } from '../common/secure-pin.js';
import { INS } from './apdu.protocol.js';
import type { ChipLink } from './chip-link.js';
import { ChipSession } from './chip-session.js';
import { IssuerChipSession } from './issuer-chip-session.js';
import { deriveCardKey } from './social-security-card.protocol.js';
import { InProcessChipLink } from './in-process-chip.link.js';
import { InMemoryCardStore } from './virtual-card/card-memory.js';
import { createDemoCards, DEMO_ISSUER_KEY, demoCardSpec } from './virtual-card/demo-cards.js';

const pinOf = (s: string) => SecurePin.fromKeys([...s].map(Number));
const PIN_INS: readonly number[] = [INS.VERIFY, INS.CHANGE_REFERENCE_DATA, INS.RESET_RETRY_COUNTER];
const word = (sw: number) => Buffer.from([sw >> 8, sw & 0xff]);

/**
 * zhang's card in the reader, behind a link that hands every PIN command it is given to `seen`
 * and then does what `pinCommand` says: the card's answer, 6C xx (wrong Le) first, or none
 * (the card pulled mid-command).
 */
async function linkTo(pinCommand: 'answered' | 'pulled' | 'wrongLe') {
  const cards = createDemoCards({ store: new InMemoryCardStore() });
  const card = new InProcessChipLink();
  await card.attach(cards.open('zhang')!);
  const seen: Buffer[] = [];
  const link: ChipLink = {
    connect: (signal) => card.connect(signal),
    disconnect: () => card.disconnect(),
    close: () => card.close(),
    transmit: async (command, signal) => {
      if (!PIN_INS.includes(command[1] ?? 0)) return card.transmit(command, signal);
      seen.push(command);
      if (pinCommand === 'answered') return card.transmit(command, signal);
      if (pinCommand === 'wrongLe' && seen.length === 1) return word(0x6c00);
      throw new KioskError(ErrorCode.CARD_REMOVED, 'The card left the reader during the transaction.');
    },
  };
  return { link, seen };
}

const zeroed = (bytes: Buffer) => bytes.every((b) => b === 0);

/** zhang's chip key, as the host hands it out for a reset */
const cardKey = () =>
  deriveCardKey(DEMO_ISSUER_KEY, Buffer.from(demoCardSpec(DEMO_RESIDENTS[0]!).fields.cardIdentifier, 'hex'));

type Command = (link: ChipLink) => Promise<unknown>;
const verify: Command = (link) => new ChipSession(link).verifyPin(pinOf('147258'));
const change: Command = (link) => new ChipSession(link).changePin(pinOf('147258'), pinOf('369250'));
const reset: Command = (link) => new IssuerChipSession(link).resetPinWithCardKey(cardKey(), pinOf('802468'));

describe('a PIN command the card did not answer', () => {
  it.each([
    ['PIN block left in memory after a VERIFY the card did not answer', verify, 'pulled', 1, 'CARD_REMOVED'],
    [
      'PIN blocks left in memory after a CHANGE REFERENCE DATA the card did not answer',
      change,
      'pulled',
      1,
      'CARD_REMOVED',
    ],
    [
      'PIN block left in memory after a RESET RETRY COUNTER the card did not answer',
      reset,
      'pulled',
      1,
      'CARD_REMOVED',
    ],
    // 6C xx corrects an Le, which a VERIFY has not: never sent again (wrong-le-answer-rewrites-a-pin-command)
    ['PIN block left in memory after a VERIFY answered 6C xx', verify, 'wrongLe', 1, 'DEVICE_PROTOCOL_ERROR'],
  ] as const)('%s: every copy sent zeroed', async (_fault, command, pinCommand, sent, code) => {
    const { link, seen } = await linkTo(pinCommand);
    await expect(command(link)).rejects.toMatchObject({ code });
    expect(seen).toHaveLength(sent);
    expect(seen.every(zeroed)).toBe(true);
  });

  it('a VERIFY the card answered: zeroed as before, the verdict the card’s', async () => {
    const { link, seen } = await linkTo('answered');
    expect(await new ChipSession(link).verifyPin(pinOf('147250'))).toEqual({
      result: 'wrong',
      attemptsLeft: 2,
    });
    expect(seen).toHaveLength(1);
    expect(seen.every(zeroed)).toBe(true);
  });
});
