/** The card printer's framing: every chunking gives the same frames; bad bytes give coded frames. */
import { Socket, connect } from 'node:net';
import { eventually } from '@kiosk/domain/testing';
import { CommandParser } from './card-printer-command.parser.js';
import { command, downloadPanel, errorOfReply, ReplyParser } from './card-printer.protocol.js';
import { EvolisPrinterEmulator } from './evolis-printer.emulator.js';

const ESC = '\x1b';

describe('card printer framing', () => {
  it('parses a command split byte by byte', () => {
    const parser = new CommandParser();
    const frames = [...command('Rlr', 'p')].flatMap((b) => parser.push(Uint8Array.of(b)));
    expect(frames).toEqual([{ kind: 'command', name: 'Rlr', params: ['p'] }]);
  });

  it('carries a panel whose binary data holds CR and ESC bytes', () => {
    const data = Buffer.from([0x0d, 0x1b, 0x0d, 0x1b]);
    const frame = downloadPanel('y', 2, 2, data);
    const parser = new CommandParser();
    const frames = [frame.subarray(0, 7), frame.subarray(7, 12), frame.subarray(12)].flatMap((c) =>
      parser.push(c),
    );
    expect(frames).toEqual([{ kind: 'panel', panel: 'y', width: 2, height: 2, data }]);
  });

  it('reports garbage before a frame once and still parses the frame', () => {
    const parser = new CommandParser();
    const frames = parser.push(Buffer.from(`junk${ESC}Sis\r`, 'latin1'));
    expect(frames.map((f) => f.kind)).toEqual(['malformed', 'command']);
  });

  it('reports a frame torn by the next ESC', () => {
    const parser = new CommandParser();
    const frames = parser.push(Buffer.from(`${ESC}Rs${ESC}Rst\r`, 'latin1'));
    expect(frames).toEqual([
      { kind: 'malformed', reason: 'a frame was cut by the next' },
      { kind: 'command', name: 'Rst', params: [] },
    ]);
  });

  it('refuses a panel whose size does not match its data and skips its bytes', () => {
    const parser = new CommandParser();
    const frames = parser.push(Buffer.from(`${ESC}Db;y;2;2;3;abc\r${ESC}Rst\r`, 'latin1'));
    expect(frames).toEqual([
      { kind: 'malformed', reason: 'a panel whose size does not match its data' },
      { kind: 'command', name: 'Rst', params: [] },
    ]);
  });

  it('cuts a frame with no CR after 256 bytes', () => {
    const parser = new CommandParser();
    const frames = parser.push(Buffer.from(`${ESC}${'R'.repeat(300)}`, 'latin1'));
    expect(frames).toEqual([{ kind: 'malformed', reason: 'a frame longer than 256 bytes' }]);
  });

  it('splits replies on CR and maps error words to coded errors', () => {
    const lines = new ReplyParser().push(Buffer.from('OK\rERR;ERR_MECHANICAL;feed\r', 'latin1'));
    expect(lines).toEqual(['OK', 'ERR;ERR_MECHANICAL;feed']);
    expect(errorOfReply(lines[1] ?? '')).toMatchObject({
      code: 'CARD_PRINTER_JAM',
      details: { position: 'feed' },
    });
    expect(errorOfReply('OK')).toBeNull();
  });
});

describe('fault: malformed frames on the wire', () => {
  let emulator: EvolisPrinterEmulator;
  let socket: Socket;
  const lines: string[] = [];

  beforeEach(async () => {
    emulator = new EvolisPrinterEmulator({ hopper: 3 });
    const { port } = await emulator.listen(0);
    socket = connect({ port, host: '127.0.0.1' });
    const parser = new ReplyParser();
    lines.length = 0;
    socket.on('data', (chunk: Buffer) => lines.push(...parser.push(chunk)));
    await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
  });

  afterEach(async () => {
    socket.destroy();
    await emulator.close();
  });

  it('answers garbage, torn frames, binary bytes and unknown commands with coded errors and keeps serving', async () => {
    socket.write(Buffer.from(`\x00\xff${ESC}Rco;f\r`, 'latin1'));
    socket.write(Buffer.from(`${ESC}Sis${ESC}Xyz\r${ESC}R\x01s\r${ESC}Se\r`, 'latin1'));
    socket.write(Buffer.from(`${ESC}Rco;f\r`, 'latin1'));
    await eventually(() => [...lines], 'seven answers', {
      withinMs: 10_000,
      until: (seen) => seen.length >= 7,
    });
    expect(lines).toEqual([
      'ERR;ERR_FRAME;bytes outside a frame',
      '3',
      'ERR;ERR_FRAME;a frame was cut by the next',
      'ERR;ERR_COMMAND;Xyz',
      'ERR;ERR_FRAME;a frame with binary bytes',
      'ERR;ERR_SEQUENCE;a job needs the y, m, c and k panels',
      '3',
    ]);
    expect(emulator.counts().inHopper).toBe(3);
  });
});
