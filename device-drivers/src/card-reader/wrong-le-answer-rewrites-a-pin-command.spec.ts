/**
 * Fault: a card answering 6C xx ("wrong Le, xx is right") to a command that carries no Le had the
 * command's last byte replaced by xx and sent again. Only a command with an Le ends in it; for
 * the others the last byte is something else:
 * - the PIN tries query (VERIFY without a PIN, 4 bytes) ends in P2, the PIN's reference: it was
 *   sent again to reference xx, another PIN of the card, whose count (0 for a locked one) was
 *   taken for the PIN the journey verifies;
 * - a VERIFY with a PIN ends in the PIN block: it was sent again with its last digits replaced, a
 *   PIN the resident never typed, which spent one of the card's tries.
 * Now 6C xx corrects the Le of a command that has one (cases 2 and 4) and is the card's answer to
 * any other: no count for the query, a coded error for the VERIFY, nothing sent again.
 */
import { SecurePin } from '../common/secure-pin.js';
import { INS } from './apdu.protocol.js';
import { word, zhangsCardBehind } from './card-behind-link.spec-support.js';
import { ChipSession } from './chip-session.js';

const pinOf = (s: string) => SecurePin.fromKeys([...s].map(Number));

/**
 * zhang's card behind a link that answers the first VERIFY `first` (6C 81) and, as a card holding
 * a second PIN under reference 81 (locked) would, 69 83 to any VERIFY of reference 81; every
 * VERIFY sent is listed as [P2, length].
 */
async function cardAnsweringWrongLe(first: 'query' | 'pin') {
  const verifies: [number, number][] = [];
  const link = await zhangsCardBehind((command) => {
    if (command[1] !== INS.VERIFY) return undefined;
    verifies.push([command[3] ?? 0, command.length]);
    const isQuery = command.length === 4;
    if (verifies.length === 1 && (first === 'query') === isQuery) return word(0x6c81);
    return command[3] === 0x81 ? word(0x6983) : undefined;
  });
  return { session: new ChipSession(link), verifies };
}

describe('6C xx answered to a command that carries no Le', () => {
  it('the PIN tries query: not sent again to another PIN reference, no count taken from it', async () => {
    const { session, verifies } = await cardAnsweringWrongLe('query');
    const card = await session.readCard();
    expect(verifies).toEqual([[0x00, 4]]);
    expect(card).not.toHaveProperty('pinTriesLeft'); // never 0, a locked PIN, from reference 81
    expect(await session.verifyPin(pinOf('147258'))).toEqual({ result: 'ok' });
  });

  it('a VERIFY with the PIN: not sent again with other digits, no try spent', async () => {
    const { session, verifies } = await cardAnsweringWrongLe('pin');
    await expect(session.verifyPin(pinOf('147258'))).rejects.toMatchObject({
      code: 'DEVICE_PROTOCOL_ERROR',
      details: { sw: '6C81' },
    });
    expect(verifies).toEqual([[0x00, 8]]);
    // the card's count is whole: the read's query says 3 and the right PIN opens it
    expect((await session.readCard()).pinTriesLeft).toBe(3);
    expect(await session.verifyPin(pinOf('147258'))).toEqual({ result: 'ok' });
  });
});
