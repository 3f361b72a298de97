/**
 * Fault: a reply the card printer sent too late for its command was taken as the next command's
 * reply. An Evolis reply is a text line ("OK", a value, "ERR;<word>") that names no command, so the
 * line matched replies to commands by order only, and a command that outlasted its deadline (a
 * feed or a print job on a slow printer) left the line one reply behind: the feed's late "OK" read
 * as the state the next `Rst` asked, and every reply after it one place out. Now, after a command
 * timed out, the next one first waits (up to the late-reply time) for that late reply and drops it;
 * a printer that stays silent is waited on once, not again until it is heard.
 *
 * The printer is played by hand over an in-memory stream on a simulated clock, answering its
 * commands one at a time and in order: `hold()` keeps its replies back (a slow printer).
 */
import { Duplex } from 'node:stream';
import { describe, expect, it } from '@jest/globals';
import { ErrorCode } from '@kiosk/domain';
import {
  heldAnswers,
  onSimulatedClock,
  refusedAfter,
  settle,
} from '../common/simulated-clock.spec-support.js';
import { command, CR, reply } from './card-printer.protocol.js';
import { EvolisReplyLine } from './evolis-reply-line.js';

const COMMAND_MS = 1_000;

/** A printer answering each command in turn (`Sis` OK, `Rst` READY); held, its replies wait until `release()`. */
function handPlayedPrinter() {
  const written: string[] = [];
  const replies = heldAnswers((answer) => stream.push(answer));
  const stream = new Duplex({
    read() {},
    write(chunk: Buffer, _encoding, done) {
      const text = chunk.subarray(1, chunk.indexOf(CR)).toString('latin1');
      written.push(text);
      replies.answer(reply(text === 'Rst' ? 'READY' : 'OK'));
      done();
    },
  });
  return { stream, written, hold: replies.hold, release: replies.release };
}

let line: EvolisReplyLine | null = null;
onSimulatedClock(() => line?.detach());

function lineTo(printer: ReturnType<typeof handPlayedPrinter>): EvolisReplyLine {
  line = new EvolisReplyLine(COMMAND_MS);
  line.attach(printer.stream, () => undefined);
  return line;
}

describe('Evolis late reply taken by the next command', () => {
  it("fault: a feed's reply coming after its deadline: the next state read gets its own reply (READY), not the feed's late OK", async () => {
    const printer = handPlayedPrinter();
    const evolis = lineTo(printer);
    printer.hold();
    await refusedAfter(evolis.exchange(command('Sis')), COMMAND_MS, ErrorCode.DEVICE_TIMEOUT);

    const state = evolis.exchange(command('Rst'));
    await settle();
    printer.release(); // the feed's OK, late
    await settle();

    await expect(state).resolves.toBe('READY');
    expect(printer.written).toEqual(['Sis', 'Rst']);
  });

  it('fault: a printer silent after a command timed out: the next command waits once for the late reply, the one after not again', async () => {
    const printer = handPlayedPrinter();
    const evolis = lineTo(printer);
    printer.hold(); // never released: silent

    await refusedAfter(evolis.exchange(command('Sis')), COMMAND_MS, ErrorCode.DEVICE_TIMEOUT);
    // the late reply waited for (one command time), then the state read's own deadline
    await refusedAfter(evolis.exchange(command('Rst')), 2 * COMMAND_MS, ErrorCode.DEVICE_TIMEOUT);
    // silent through that wait: not waited on again
    await refusedAfter(evolis.exchange(command('Rst')), COMMAND_MS, ErrorCode.DEVICE_TIMEOUT);
    expect(printer.written).toEqual(['Sis', 'Rst', 'Rst']);
  });
});
