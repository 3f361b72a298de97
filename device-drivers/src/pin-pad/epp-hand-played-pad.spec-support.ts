/**
 * A PIN pad played by hand for unit specs of the EPP line and driver: the driver's end of an
 * in-memory line that reads each command frame the driver writes and lets `answer` send bytes
 * back (whole frames, torn or spoiled ones, key presses).
 */
import { Duplex } from 'node:stream';
import { ETX, STX } from './epp.protocol.js';

/** The driver's end of a line whose pad answers each command text as `answer` says. */
export function handPlayedPad(answer: (command: string, send: (bytes: Buffer) => void) => void): Duplex {
  let heard = Buffer.alloc(0);
  const driverEnd: Duplex = new Duplex({
    read() {},
    write(chunk: Buffer, _encoding, done) {
      heard = Buffer.concat([heard, chunk]);
      // STX, three length digits, the text, ETX, two check digits
      for (;;) {
        const at = heard.indexOf(STX);
        const etx = at < 0 ? -1 : heard.indexOf(ETX, at);
        if (etx < 0 || etx + 3 > heard.length) break;
        const command = heard.subarray(at + 4, etx).toString('latin1');
        heard = heard.subarray(etx + 3);
        answer(command, (bytes) => driverEnd.push(bytes));
      }
      done();
    },
  });
  return driverEnd;
}
