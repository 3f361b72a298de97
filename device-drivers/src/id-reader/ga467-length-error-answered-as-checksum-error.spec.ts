/**
 * Fault: the ID card reader emulator answered a command whose length field it could not take with
 * the checksum error's status. The GA 467 module's table (SW3) has 10 for a checksum error in what
 * it received and 11 for a length error; the emulator answered both 00 00 10, so the host never
 * heard 11 as a module says it, and what the driver does with a length error went untried on the
 * byte-level emulator. Now a length error is answered 00 00 11, a checksum error still 00 00 10,
 * and the driver's line takes either as a spoiled exchange and sends its command again.
 *
 * The emulator is on the device end of an in-memory line: the host's bytes pushed, its answers
 * read back through the driver's own framing.
 */
import { Duplex } from 'node:stream';
import { describe, expect, it } from '@jest/globals';
import { onSimulatedClock, settle } from '../common/simulated-clock.spec-support.js';
import { Ga467IdReaderEmulator } from './ga467-id-reader.emulator.js';
import { Ga467SerialLine } from './ga467-serial-line.js';
import {
  encodeIdAnswer,
  encodeIdCommand,
  IdFrameDecoder,
  IdReaderCommand,
  IdReaderStatus,
  PREAMBLE,
} from './id-reader.protocol.js';

let line: Ga467SerialLine | undefined;
let emulator: Ga467IdReaderEmulator | undefined;

onSimulatedClock(async () => {
  emulator?.detach();
  await line?.close();
  line = emulator = undefined;
});

/** The emulator plugged into a line: `send` the host's bytes, `answers` the SW3 of each frame back. */
function emulatorOnALine() {
  const decoder = new IdFrameDecoder();
  const answers: number[] = [];
  const stream = new Duplex({
    read() {},
    write(chunk: Buffer, _encoding, done) {
      for (const item of decoder.push(chunk)) if (item.type === 'frame') answers.push(item.body[2] ?? -1);
      done();
    },
  });
  emulator = new Ga467IdReaderEmulator();
  emulator.attach(stream);
  const send = async (bytes: Buffer) => {
    stream.push(bytes);
    await settle();
  };
  return { send, answers };
}

describe('fault: ga467-length-error-answered-as-checksum-error', () => {
  it.each([
    ['too short to hold a command', [0x00, 0x01]],
    ['longer than any frame', [0xff, 0xff]],
  ])('a command whose length field is %s: answered 00 00 11, the length error', async (_, length) => {
    const reader = emulatorOnALine();
    await reader.send(Buffer.concat([PREAMBLE, Buffer.from(length)]));
    expect(reader.answers).toEqual([IdReaderStatus.LENGTH_ERROR]);
    expect(IdReaderStatus.LENGTH_ERROR).toBe(0x11);
  });

  it('guard: a command with a wrong checksum is answered 00 00 10, the checksum error', async () => {
    const reader = emulatorOnALine();
    const spoiled = encodeIdCommand(IdReaderCommand.FIND_CARD);
    spoiled[spoiled.length - 1] = (spoiled[spoiled.length - 1] ?? 0) ^ 0x5a;
    await reader.send(spoiled);
    expect(reader.answers).toEqual([IdReaderStatus.CHECKSUM_ERROR]);
  });

  it("the driver's line takes a length error as a spoiled exchange: the command sent again, its answer read", async () => {
    const sent: string[] = [];
    const answers = [encodeIdAnswer(IdReaderStatus.LENGTH_ERROR), encodeIdAnswer(IdReaderStatus.NO_CARD)];
    const decoder = new IdFrameDecoder();
    const reader = new Duplex({
      read() {},
      write(chunk: Buffer, _encoding, done) {
        for (const item of decoder.push(chunk)) {
          if (item.type !== 'frame') continue;
          sent.push(item.body.subarray(0, 2).toString('hex'));
          reader.push(answers.shift());
        }
        done();
      },
    });
    line = new Ga467SerialLine(reader);
    await expect(line.transact(IdReaderCommand.FIND_CARD)).resolves.toMatchObject({
      sw3: IdReaderStatus.NO_CARD,
    });
    expect(sent).toEqual(['2001', '2001']);
  });
});
