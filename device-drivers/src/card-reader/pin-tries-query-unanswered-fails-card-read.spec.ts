/**
 * Fault: a card that does not answer the PIN tries query failed the whole card read. The query
 * (VERIFY without a PIN, sent after EF05, EF06 and EF19 are read) is advice for the PIN screen,
 * but its exchange went through the read's own path: a card silent to it (past the APDU
 * deadline), or answering bytes that are no APDU answer, made `readCard` throw
 * DEVICE_TIMEOUT / DEVICE_PROTOCOL_ERROR, and a card that had been read whole was refused. Now the
 * read stands without a count; the card's PIN is asked as before and the query spent no try. A
 * card pulled or a reader lost during the query, and an abort, still end the read.
 */
import { ErrorCode, KioskError } from '@kiosk/domain';
import { SecurePin } from '../common/secure-pin.js';
import { INS } from './apdu.protocol.js';
import { zhangsCardBehind } from './card-behind-link.spec-support.js';
import { ChipSession } from './chip-session.js';

const pinOf = (s: string) => SecurePin.fromKeys([...s].map(Number));
const isQuery = (command: Buffer) => command.length === 4 && command[1] === INS.VERIFY;

type QueryAnswer = 'silent' | 'notAnApdu' | 'pulled' | 'readerLost' | 'aborted';

/** zhang's card, behind a link that answers the tries query as `answer` says, the first time only. */
async function cardAnsweringQuery(answer: QueryAnswer, abort?: AbortController) {
  let queries = 0;
  return zhangsCardBehind((command) => {
    if (!isQuery(command) || (queries += 1) > 1) return undefined;
    if (answer === 'notAnApdu') return Promise.resolve(Buffer.from([0x63]));
    if (answer === 'pulled') {
      return Promise.reject(new KioskError(ErrorCode.CARD_REMOVED, 'The card left the reader.'));
    }
    if (answer === 'readerLost') {
      return Promise.reject(new KioskError(ErrorCode.DEVICE_OFFLINE, 'The card reader is not reachable.'));
    }
    if (answer === 'aborted') abort?.abort(new KioskError(ErrorCode.SESSION_CANCELLED, 'Cancelled.'));
    return new Promise<Buffer>(() => undefined); // never answers: the APDU deadline ends it
  });
}

describe('a card that does not answer the PIN tries query', () => {
  it.each([
    ['silent past the APDU deadline', 'silent'],
    ['answering bytes that are no APDU answer', 'notAnApdu'],
  ] as const)('%s: read all the same, with no count, and the PIN still asked', async (_what, answer) => {
    const session = new ChipSession(await cardAnsweringQuery(answer), { transmitTimeoutMs: 50 });
    const card = await session.readCard();
    expect(card).toMatchObject({ cardNumber: 'H41080000101', recordsUnprinted: expect.any(Number) });
    expect(card).not.toHaveProperty('pinTriesLeft');
    // the card is spoken to again after the failed exchange, and the query spent no try
    expect(await session.verifyPin(pinOf('000000'))).toEqual({ result: 'wrong', attemptsLeft: 2 });
    expect(await session.verifyPin(pinOf('147258'))).toEqual({ result: 'ok' });
  });

  it.each([
    ['a card pulled', 'CARD_REMOVED', 'pulled'],
    ['the reader lost', 'DEVICE_OFFLINE', 'readerLost'],
  ] as const)('%s during the query still ends the read with %s', async (_what, code, answer) => {
    const session = new ChipSession(await cardAnsweringQuery(answer));
    await expect(session.readCard()).rejects.toMatchObject({ code });
  });

  it('a read aborted during the query still ends with the abort’s reason', async () => {
    const abort = new AbortController();
    const session = new ChipSession(await cardAnsweringQuery('aborted', abort));
    await expect(session.readCard(abort.signal)).rejects.toMatchObject({ code: 'SESSION_CANCELLED' });
  });
});
