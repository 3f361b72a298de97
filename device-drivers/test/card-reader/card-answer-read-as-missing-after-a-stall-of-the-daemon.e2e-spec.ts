/**
 * The fault: the daemon's own event loop stalls (a garbage collection, a starved CPU) while the
 * card answers on time. pcsclite's SCardTransmit ends on the thread pool meanwhile (and pcscd's word
 * that it found a card reaches pcsclite's watch), but the loop runs its due timers before it
 * delivers those callbacks, so the wait's deadline fired first:
 * - the APDU deadline read the card silent (DEVICE_TIMEOUT, the card powered again) with its answer
 *   already there: a PIN the card verified, or a try it counted, was never told;
 * - the wait for pcscd to notice a card just inserted read no card, the card read failing with
 *   the card on the contacts (the resident told to insert it chip first, face up).
 * Both waits are now the serial lines' stall-tolerant deadline (`lineDeadline`). The stall is played
 * at the worst instant: the whole process blocked right after the virtual card's answer (to the
 * VERIFY, or to pcscd's ATR request as it powers the card up) is written to vpcd.
 * With CI=true a missing stack fails (`describeOnPcscStack`).
 */
import { jest } from '@jest/globals';
import { INS } from '../../src/card-reader/apdu.protocol.js';
import type { PcscCardReader } from '../../src/card-reader/index.js';
import { stallTheProcess } from '../../src/common/stall-the-process.spec-support.js';
import { describeOnPcscStack, pcscdForSuite, pinOf, readerOn, today } from './pcsc-card-reader.helpers.js';

jest.setTimeout(30_000);

const describePcsc = describeOnPcscStack();

/** the APDU deadline: an APDU through pcscd and vpcd answers in milliseconds */
const APDU_MS = 2_000;
/** the wait for pcscd to notice a card inserted: it polls vpcd about every 0.4 s */
const PRESENCE_WAIT_MS = 2_000;
/** how far past the deadline the stall runs on */
const PAST_MS = 300;
/** a VERIFY that carries a PIN block (the tries query carries none) */
const isPinVerify = (command: Buffer) => command[1] === INS.VERIFY && command.length > 5;

describePcsc('fault: card answer read as missing after a stall of the daemon', () => {
  const pcscd = pcscdForSuite();
  let reader: PcscCardReader;

  beforeEach(async () => {
    reader = await readerOn(pcscd(), {
      today,
      transmitTimeoutMs: APDU_MS,
      presenceWaitMs: PRESENCE_WAIT_MS,
    });
  });
  afterEach(async () => {
    await reader.close();
  });

  describe('the APDU deadline', () => {
    let verifies: number;
    beforeEach(async () => {
      verifies = 0;
      let armed = true;
      reader.contacts!.onCommand((command) => {
        if (!isPinVerify(command)) return;
        verifies += 1;
        if (!armed) return;
        armed = false;
        // after this command's answer is written: the card answers, then the daemon stalls
        setImmediate(() => stallTheProcess(APDU_MS + PAST_MS));
      });
      await reader.insertCard('zhang');
      await reader.readCard();
    });

    it('the PIN the card verified while the daemon stalled past the APDU deadline is told verified, sent once', async () => {
      await expect(reader.verifyPin(pinOf('147258'))).resolves.toEqual({ result: 'ok' });
      expect(verifies).toBe(1);
      expect(reader.status().fault).toBeUndefined();
      await expect(reader.readTransactions()).resolves.toHaveLength(1);
    });

    it('a wrong PIN the card counted while the daemon stalled is told with the tries it left, none spent unseen', async () => {
      await expect(reader.verifyPin(pinOf('000000'))).resolves.toEqual({ result: 'wrong', attemptsLeft: 2 });
      expect(verifies).toBe(1);
      await expect(reader.verifyPin(pinOf('147258'))).resolves.toEqual({ result: 'ok' });
    });
  });

  it('the wait for pcscd to notice a card: a card it found while the daemon stalled past the wait is read, not taken as no card', async () => {
    // the read's wait for pcscd starts before pcscd powers the card up (it polls vpcd about every
    // 0.4 s); the rare insertion pcscd finds before the read asks is played again
    let reading: Promise<unknown> | undefined;
    let stalledInRead = false;
    reader.contacts!.onPoweredUp(() => {
      if (!reading || stalledInRead) return;
      stalledInRead = true;
      setImmediate(() => stallTheProcess(PRESENCE_WAIT_MS + PAST_MS));
    });
    for (let tries = 0; !stalledInRead && tries < 5; tries += 1) {
      if (tries > 0) {
        await reader.eject();
        await reader.takeCard();
        reading = undefined;
      }
      await reader.insertCard('zhang');
      reading = reader.readCard();
      await reading.catch((e: unknown) => e);
    }
    expect(stalledInRead).toBe(true);
    await expect(reading).resolves.toMatchObject({ cardNumber: 'H41080000101' });
    expect(reader.status().fault).toBeUndefined();
  });
});
