/**
 * Fault: the receipt printer's answer to "clear the buffers" (DLE DC4 8, sent after a receipt
 * failed half-way) was read as three status bytes failing their validity check, and the emulator
 * never sent it. A printer answers the clear with 37 25 00 once its buffers are empty (Epson's
 * ESC/POS reference: the clear response); the driver took the 37 for a process ID's header, then
 * refused 25 and 00 one by one, counting and logging each as a broken status byte. Now the reader
 * knows the clear response, and the emulator sends it, as a printer does, only for the command's
 * own fixed bytes.
 */
import { once } from 'node:events';
import { connect, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from '@jest/globals';
import { EscposPrinterEmulator } from './escpos-printer.emulator.js';
import { CLEAR_BUFFERS, PrinterResponseReader, clearBuffers } from './escpos.protocol.js';

let emulator: EscposPrinterEmulator | undefined;
let socket: Socket | undefined;

afterEach(async () => {
  socket?.destroy();
  await emulator?.close();
  emulator = undefined;
});

/** The bytes the emulator sends back for `sent`, up to `count` of them. */
async function answerTo(sent: Buffer, count: number): Promise<Buffer> {
  emulator = new EscposPrinterEmulator();
  const { host, port } = await emulator.listen();
  socket = connect(port, host);
  await once(socket, 'connect');
  let got = Buffer.alloc(0);
  const whole = new Promise<void>((resolve) =>
    socket!.on('data', (chunk: Buffer) => {
      got = Buffer.concat([got, chunk]);
      if (got.length >= count) resolve();
    }),
  );
  // a status query behind it: its answer marks the end of what the printer says to the command
  socket.write(Buffer.concat([sent, Buffer.of(0x10, 0x04, 1)]));
  await whole;
  return got;
}

describe('fault: escpos-clear-response-read-as-invalid-status', () => {
  it('the emulator answers the clear with 37 25 00, before the status asked after it', async () => {
    const got = await answerTo(clearBuffers(), 4);
    expect([...got]).toEqual([0x37, 0x25, 0x00, 0x12]);
  });

  it('guard: a DLE DC4 8 whose fixed bytes are wrong is no clear, and is not answered as one', async () => {
    const spoiled = Buffer.from(CLEAR_BUFFERS);
    spoiled[5] = 0x00;
    const got = await answerTo(spoiled, 1);
    expect([...got]).toEqual([0x12]);
  });

  it("the driver's reader takes 37 25 00 for the clear, not for three broken status bytes", () => {
    const reader = new PrinterResponseReader();
    expect(reader.push(Buffer.of(0x37, 0x25))).toEqual([]);
    expect(reader.push(Buffer.of(0x00, 0x12))).toEqual([
      { kind: 'cleared' },
      { kind: 'realtime', byte: 0x12 },
    ]);
  });
});
