/**
 * Fault: a PIN entry asked for while the pad still closed the keypad of the last one was refused
 * with DEVICE_BUSY ("already collecting"). An entry that ends (cancelled, the session gone) is
 * over for its caller at once, but the driver holds it until the pad answers the keypad's close
 * (its entry wiped there): tens of milliseconds on a pad at 9600 baud, up to the answer timeout on
 * a slow one. A resident who cancels a PIN entry and starts again at once, or the next resident
 * behind a quick one, met "The PIN pad is already collecting a PIN." and lost the session. Now the
 * new entry waits for that close and then opens the keypad; two entries running at once are still
 * refused. The pad is played by hand, its answer to the close held back.
 */
import { describe, expect, it } from '@jest/globals';
import { ErrorCode } from '@kiosk/domain';
import { EppPinPad } from './epp-pin-pad.driver.js';
import { handPlayedPad } from './epp-hand-played-pad.spec-support.js';
import { EppCommand, EppStatus, encodeEppAnswer, encodePinDigits } from './epp.protocol.js';

/**
 * A pad whose answers to the keypad's close wait until `answerClose` is called; at the second
 * keypad opened the resident types four digits and enter (in the same read as its answer).
 */
function padClosingSlowly() {
  const heard: string[] = [];
  const heldCloses: (() => void)[] = [];
  let open = false;
  let opened = 0;
  const line = handPlayedPad((command, send) => {
    heard.push(command);
    const ok = () => send(encodeEppAnswer(EppStatus.OK));
    if (command === EppCommand.CLOSE_KEYPAD && open) {
      open = false;
      heldCloses.push(ok);
    } else if (command.startsWith('6')) {
      open = true;
      opened += 1;
      const keys = opened === 2 ? Buffer.from('****\r', 'latin1') : Buffer.alloc(0);
      send(Buffer.concat([encodeEppAnswer(EppStatus.OK), keys]));
    } else if (command === EppCommand.GET_PIN) {
      send(encodeEppAnswer(EppStatus.OK, encodePinDigits([2, 7, 1, 8])));
    } else ok();
  });
  const answerClose = () => heldCloses.splice(0).forEach((answer) => answer());
  return { line, heard, answerClose, closesHeld: () => heldCloses.length };
}

/** Settles once the keypad has been asked to open `times` times. */
async function keypadOpened(heard: string[], times: number): Promise<void> {
  while (heard.filter((c) => c.startsWith('6')).length < times) {
    await new Promise((resolve) => setImmediate(resolve));
  }
}

/** The driver on that pad, opened, with a first entry running (its keypad open) that a resident may cancel. */
async function firstEntryRunning() {
  const pad = padClosingSlowly();
  const driver = new EppPinPad(pad.line, { answerTimeoutMs: 2_000 });
  await driver.open();
  const cancel = new AbortController();
  const first = driver.collectPin({ length: 4, signal: cancel.signal });
  await keypadOpened(pad.heard, 1);
  /** the resident cancels: settles once the keypad's close has reached the pad (its answer held) */
  const cancelled = async () => {
    cancel.abort();
    while (pad.closesHeld() === 0) await new Promise((resolve) => setImmediate(resolve));
  };
  return { pad, driver, first, cancelled };
}

describe('fault: a PIN entry refused while the last keypad closes', () => {
  it('an entry asked for as the cancelled one closes its keypad opens once the pad has closed it', async () => {
    const { pad, driver, first, cancelled } = await firstEntryRunning();
    await cancelled();

    const next = driver.collectPin({ length: 4 });
    let refused: unknown;
    next.catch((error: unknown) => (refused = error));
    await new Promise((resolve) => setImmediate(resolve));
    expect(refused).toBeUndefined();
    // not opened before the pad closed the last keypad
    expect(pad.heard.filter((c) => c.startsWith('6'))).toHaveLength(1);

    pad.answerClose();
    await expect(first).resolves.toEqual({ result: 'cancelled' });
    const entered = await next;
    expect(entered.result).toBe('entered');
    if (entered.result === 'entered') entered.pin.wipe();
    await driver.close();
  });

  it('two entries at once: the second still refused with DEVICE_BUSY', async () => {
    const { pad, driver, first, cancelled } = await firstEntryRunning();
    await expect(driver.collectPin({ length: 4 })).rejects.toMatchObject({ code: ErrorCode.DEVICE_BUSY });
    await cancelled();
    pad.answerClose();
    await expect(first).resolves.toEqual({ result: 'cancelled' });
    await driver.close();
  });
});
