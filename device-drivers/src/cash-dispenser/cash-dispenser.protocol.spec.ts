import {
  ACK,
  bcc,
  decodeDispenseResponse,
  encodeDispenseResponse,
  encodeFrame,
  LcdmCommand,
  LcdmFrameDecoder,
  NAK,
} from './cash-dispenser.protocol.js';

describe('LCDM-2000 style frames', () => {
  it('builds EOT ID STX CMD DATA ETX BCC with the XOR of every byte before it', () => {
    const frame = encodeFrame('command', LcdmCommand.UPPER_DISPENSE, [0x30, 0x33]);
    expect([...frame]).toEqual([0x04, 0x50, 0x02, 0x45, 0x30, 0x33, 0x03, bcc(frame, frame.length - 1)]);
    expect(bcc(frame)).toBe(0);
  });

  it('splits a stream cut at any byte into ACK, NAK and frames', () => {
    const status = encodeFrame('response', LcdmCommand.STATUS, [0x30, 0x30, 0x80, 0x80]);
    const bytes = Buffer.concat([Buffer.of(ACK), status, Buffer.of(NAK)]);
    for (let cut = 0; cut <= bytes.length; cut += 1) {
      const decoder = new LcdmFrameDecoder('response');
      const items = [...decoder.push(bytes.subarray(0, cut)), ...decoder.push(bytes.subarray(cut))];
      expect(items.map((i) => i.type)).toEqual(['ack', 'frame', 'nak']);
    }
  });

  it('reports a bad checksum and resynchronises on the next frame', () => {
    const good = encodeFrame('response', LcdmCommand.PURGE, [0x30]);
    const bad = Buffer.from(good);
    bad[bad.length - 1] = (bad[bad.length - 1] ?? 0) ^ 0xff;
    const items = new LcdmFrameDecoder('response').push(Buffer.concat([bad, good]));
    expect(items).toEqual([
      { type: 'error', reason: 'badChecksum' },
      { type: 'frame', frame: { cmd: LcdmCommand.PURGE, data: Buffer.of(0x30) } },
    ]);
  });

  it('keeps a half frame until flushed as torn, then reads the next one', () => {
    const decoder = new LcdmFrameDecoder('response');
    const frame = encodeFrame('response', LcdmCommand.PURGE, [0x30]);
    expect(decoder.push(frame.subarray(0, 4))).toEqual([]);
    expect(decoder.flushTorn()).toEqual([{ type: 'error', reason: 'torn' }]);
    expect(decoder.push(frame).map((i) => i.type)).toEqual(['frame']);
  });

  it('reports line noise and unknown commands without crashing', () => {
    const decoder = new LcdmFrameDecoder('command');
    const items = decoder.push(Buffer.from([0x99, 0x98, 0x04, 0x50, 0x02, 0x7e, 0x03, 0x00]));
    expect(items.map((i) => (i.type === 'error' ? i.reason : i.type))).toEqual([
      'garbage',
      'unknownCommand',
      'garbage',
    ]);
  });

  it('round-trips a two-cassette dispense answer', () => {
    const outcome = {
      error: 0x30,
      upper: { picked: 5, exited: 3, rejected: 2 },
      lower: { picked: 1, exited: 1, rejected: 0 },
    };
    const frame = encodeDispenseResponse(LcdmCommand.UPPER_LOWER_DISPENSE, outcome);
    expect(frame).toHaveLength(21);
    const [item] = new LcdmFrameDecoder('response').push(frame);
    if (item?.type !== 'frame') throw new Error('no frame');
    expect(decodeDispenseResponse(item.frame)).toEqual(outcome);
  });

  it('refuses a dispense answer whose counts are not digits', () => {
    expect(
      decodeDispenseResponse({ cmd: LcdmCommand.UPPER_DISPENSE, data: Buffer.alloc(8, 0x41) }),
    ).toBeNull();
  });
});
