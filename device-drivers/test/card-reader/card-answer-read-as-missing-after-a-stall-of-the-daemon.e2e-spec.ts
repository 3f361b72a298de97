/**
 * The fault: the daemon's own event loop stalls (a garbage collection, a starved CPU) while the
 * card answers an APDU on time. pcsclite's SCardTransmit ends on the thread pool meanwhile, but the
 * loop runs its due timers before it delivers that callback, so the APDU's deadline fired first: the
 * kiosk read the card silent (DEVICE_TIMEOUT, the card powered again) with its answer already
 * there. A PIN the card verified, or a try it counted, was never told. The APDU deadline is now the
 * serial lines' stall-tolerant one (`lineDeadline`). The stall is played at the worst instant: the
 * whole process blocked right after the virtual card's answer is written to vpcd.
 * With CI=true a missing stack fails (in pcsc-card-reader.e2e-spec).
 */
import { jest } from '@jest/globals';
import { INS } from '../../src/card-reader/apdu.protocol.js';
import { missingPcscStack, PcscCardReader, PcscdProcess } from '../../src/card-reader/index.js';
import { stallTheProcess } from '../../src/common/stall-the-process.spec-support.js';
import { pinOf, today } from './pcsc-card-reader.helpers.js';

jest.setTimeout(30_000);

const describePcsc = missingPcscStack() ? describe.skip : describe;

/** the APDU deadline: an APDU through pcscd and vpcd answers in milliseconds */
const APDU_MS = 1_500;
/** how far past the deadline the stall runs on */
const PAST_MS = 300;
/** a VERIFY that carries a PIN block (the tries query carries none) */
const isPinVerify = (command: Buffer) => command[1] === INS.VERIFY && command.length > 5;

describePcsc('fault: card answer read as missing after a stall of the daemon', () => {
  let pcscd: PcscdProcess;
  let reader: PcscCardReader;
  let verifies: number;

  beforeAll(async () => {
    // pcscd is machine-wide: suites that need it take turns, so wait longer than the lock does
    pcscd = await PcscdProcess.start({ lockTimeoutMs: 240_000 });
  }, 300_000);
  afterAll(async () => {
    await pcscd?.stop();
  });

  beforeEach(async () => {
    reader = new PcscCardReader({
      vpcdPort: pcscd.ports[0],
      readerName: pcscd.readerNames[0],
      today,
      transmitTimeoutMs: APDU_MS,
      reconnectIntervalMs: 200,
    });
    await reader.open();
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
  afterEach(async () => {
    await reader.close();
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
