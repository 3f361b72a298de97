/**
 * Fault: a "get PIN" answer that came late was taken as the answer to the driver's next command
 * (the keypad's close after the timeout) and left in memory as it came, the PIN's digits in it. The
 * line matches answers to commands by order only, so a late answer is the next command's; the
 * driver wiped the data of the "get PIN" answer it read and of refusals, not of the answers it
 * ignores. Now every answer's data is wiped once read, whatever command it answered. The pad is
 * played by hand over an in-memory line; each frame the driver's decoder hands over is kept to look
 * at its bytes afterwards.
 */
import { afterEach, describe, expect, it, jest } from '@jest/globals';
import { ErrorCode } from '@kiosk/domain';
import { EppPinPad } from './epp-pin-pad.driver.js';
import { handPlayedPad } from './epp-hand-played-pad.spec-support.js';
import {
  EppCommand,
  EppDecoder,
  EppStatus,
  encodeEppAnswer,
  encodePinDigits,
  type EppItem,
} from './epp.protocol.js';

afterEach(() => {
  jest.restoreAllMocks();
});

describe('fault: the PIN answer arriving late is left unwiped', () => {
  it("a late 'get PIN' answer taken as the keypad close's: its digits wiped all the same", async () => {
    const handedOver: Buffer[] = [];
    const push = EppDecoder.prototype.push;
    jest.spyOn(EppDecoder.prototype, 'push').mockImplementation(function (this: EppDecoder, chunk) {
      const items: EppItem[] = push.call(this, chunk);
      for (const item of items) if (item.type === 'frame') handedOver.push(item.text);
      return items;
    });
    // a new buffer each time: the driver wipes what it reads
    const ok = () => encodeEppAnswer(EppStatus.OK);
    let pinAsked = false;
    let closedAfterPin = false;
    const line = handPlayedPad((command, send) => {
      if (command === EppCommand.GET_PIN) {
        pinAsked = true; // answered only after the driver gave up on it
      } else if (command === EppCommand.CLOSE_KEYPAD && pinAsked) {
        closedAfterPin = true;
        send(encodeEppAnswer(EppStatus.OK, encodePinDigits([1, 2, 3, 4]))); // the late answer
        send(ok()); // the close's own
      } else if (command.startsWith('6')) {
        // the keypad open, and the resident's four digits and enter in the same read
        send(Buffer.concat([ok(), Buffer.from('****\r', 'latin1')]));
      } else send(ok());
    });
    const pad = new EppPinPad(line, { answerTimeoutMs: 300 });
    await pad.open();

    const collected = pad.collectPin({ length: 4 });
    await expect(collected).rejects.toMatchObject({ code: ErrorCode.DEVICE_TIMEOUT });
    expect(closedAfterPin).toBe(true);
    // the PIN's digits came over the line in the late answer (the spy sees the frame)
    expect(handedOver.length).toBeGreaterThanOrEqual(4);
    await new Promise((resolve) => setImmediate(resolve)); // the close's own answer, nobody's
    expect(handedOver.map((text) => text.subarray(1).every((b) => b === 0))).toEqual(
      handedOver.map(() => true),
    );
    await pad.close();
  });
});
