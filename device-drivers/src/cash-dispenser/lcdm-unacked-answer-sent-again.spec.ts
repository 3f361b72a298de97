/**
 * The LCDM line's resend of an answer not acknowledged, on the dispenser's side, as the protocol
 * the driver and the emulator share has it (`cash-dispenser.protocol.ts`: each frame is answered
 * ACK or NAK, the sender repeats on NAK): the host NAKs an answer that came spoiled and the
 * dispenser sends that same answer again, without acting on the command again; an answer the host
 * ACKed is done with, and a NAK then (line noise) repeats nothing; a command taken makes the answer
 * before it done with too, so a NAK while the next one is counted repeats no earlier answer. The
 * driver's side of it, over a real line: test/cash-dispenser/bad-checksum.
 *
 * The host is played by hand over an in-memory line; only the notes' count time is simulated.
 */
import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { ACK, encodeFrame, LcdmCommand, LcdmFrameDecoder, NAK } from './cash-dispenser.protocol.js';
import { LcdmCashDispenserEmulator } from './lcdm-cash-dispenser.emulator.js';
import { hostLine } from './lcdm-host-line.spec-support.js';

const MS_PER_NOTE = 1_000;
const { STATUS, UPPER_DISPENSE } = LcdmCommand;

/** The host played by hand: what the dispenser says, read as the driver reads it. */
function handPlayedHost(emulator: LcdmCashDispenserEmulator) {
  const { line, written } = hostLine();
  emulator.attach(line);
  const heard = () => new LcdmFrameDecoder('response').push(Uint8Array.from(written));
  const frames = () => heard().filter((item) => item.type === 'frame');
  /** the bytes pushed to the dispenser, then its bytes let through */
  const send = async (bytes: Uint8Array) => {
    line.push(bytes);
    await settle();
  };
  return { heard, frames, send };
}

async function settle(): Promise<void> {
  for (let i = 0; i < 5; i += 1) await new Promise((resolve) => setImmediate(resolve));
}

const command = (cmd: number, data: readonly number[] = []) => encodeFrame('command', cmd, data);
const oneNote = command(UPPER_DISPENSE, [0x30, 0x31]);

beforeEach(() => {
  jest.useFakeTimers({ doNotFake: ['nextTick', 'queueMicrotask', 'setImmediate'] });
});
afterEach(() => {
  jest.useRealTimers();
});

describe('the LCDM dispenser sends an answer again while it is not acknowledged', () => {
  it('a NAKed dispense answer comes again byte for byte, the notes counted once', async () => {
    const emulator = new LcdmCashDispenserEmulator();
    const host = handPlayedHost(emulator);
    await host.send(oneNote);
    expect(host.frames()).toHaveLength(1);
    await host.send(Uint8Array.of(NAK));
    await host.send(Uint8Array.of(NAK));
    const [first, ...again] = host.frames();
    expect(again).toEqual([first, first]);
    expect(emulator.commandsTaken(UPPER_DISPENSE)).toBe(1);
    expect(emulator.mechanism.cassettes.upper.count).toBe(199);
    expect(emulator.mechanism.presenter.upper).toBe(1);
    emulator.close();
  });

  it('sends it again three times at most: a fourth NAK gets nothing', async () => {
    const emulator = new LcdmCashDispenserEmulator();
    const host = handPlayedHost(emulator);
    await host.send(command(STATUS));
    for (let i = 0; i < 4; i += 1) await host.send(Uint8Array.of(NAK));
    expect(host.frames()).toHaveLength(1 + 3);
    emulator.close();
  });

  it('an answer the host ACKed is done with: a NAK after it (line noise) repeats nothing', async () => {
    const emulator = new LcdmCashDispenserEmulator();
    const host = handPlayedHost(emulator);
    await host.send(command(STATUS));
    await host.send(Uint8Array.of(ACK));
    await host.send(Uint8Array.of(NAK));
    expect(host.frames()).toHaveLength(1);
    emulator.close();
  });

  it("fault: a NAK while the next command is counted repeats no earlier answer left unACKed (the host gave up on it): the count's own answer follows", async () => {
    const emulator = new LcdmCashDispenserEmulator({ msPerNote: MS_PER_NOTE });
    const host = handPlayedHost(emulator);
    await host.send(command(STATUS)); // answered; the host took it too late to ACK it
    await host.send(oneNote);
    expect(host.heard().at(-1)).toEqual({ type: 'ack' }); // taken, counting
    await host.send(Uint8Array.of(NAK)); // line noise read as spoiled by the host
    expect(host.frames().map((item) => item.type === 'frame' && item.frame.cmd)).toEqual([STATUS]);
    await jest.advanceTimersByTimeAsync(MS_PER_NOTE);
    await settle();
    expect(host.frames().map((item) => item.type === 'frame' && item.frame.cmd)).toEqual([
      STATUS,
      UPPER_DISPENSE,
    ]);
    emulator.close();
  });
});
