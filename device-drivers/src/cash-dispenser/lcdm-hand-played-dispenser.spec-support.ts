/**
 * A cash dispenser played by hand over an in-memory line, for the LCDM line's unit specs on a
 * simulated clock: it takes each command at once (its ACK) and answers them in order, a STATUS of
 * its sensors as they are when it reads the command (`sensors.s1`: the cassettes' bits);
 * `hold()` keeps its answers back until `release()` (a dispenser slow to answer); `noise(bytes)`
 * sends stray bytes. With `answerAfterMs`, each answer comes that long after its command (on the
 * simulated clock): a dispenser always slower than its answer time.
 */
import { Duplex } from 'node:stream';
import { heldAnswers } from '../common/simulated-clock.spec-support.js';
import { ACK, encodeFrame, LcdmFrameDecoder } from './cash-dispenser.protocol.js';

export function handPlayedDispenser(options: { readonly answerAfterMs?: number } = {}) {
  const decoder = new LcdmFrameDecoder('command');
  const asked: number[] = [];
  const sensors = { s1: 0 };
  const answers = heldAnswers((answer) => stream.push(answer));
  const stream = new Duplex({
    read() {},
    write(chunk: Buffer, _encoding, done) {
      for (const item of decoder.push(chunk)) {
        if (item.type !== 'frame') continue;
        asked.push(item.frame.cmd);
        stream.push(Uint8Array.of(ACK));
        const answer = encodeFrame('response', item.frame.cmd, [0x30, 0x30, 0x80, 0x80 | sensors.s1]);
        if (options.answerAfterMs === undefined) answers.answer(answer);
        else setTimeout(() => answers.answer(answer), options.answerAfterMs);
      }
      done();
    },
  });
  return {
    stream,
    asked,
    sensors,
    hold: answers.hold,
    release: answers.release,
    noise: (bytes: Buffer) => stream.push(bytes),
  };
}
