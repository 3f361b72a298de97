import { EMULATED_ID_CARDS } from './emulated-id-cards.js';
import { idCardFromBaseMessage, idCardToBaseMessageText } from './id-card-fields.js';
import {
  decodeBaseMessage,
  encodeBaseMessage,
  encodeIdAnswer,
  encodeIdCommand,
  IdFrameDecoder,
  IdReaderCommand,
  IdReaderStatus,
} from './id-reader.protocol.js';

describe('GA 467 style frames', () => {
  it('frames find card as AA AA AA 96 69 00 03 20 01 22', () => {
    expect(encodeIdCommand(IdReaderCommand.FIND_CARD).toString('hex')).toBe('aaaaaa96690003200122');
  });

  it('decodes a stream cut at any byte, with noise in front', () => {
    const frame = encodeIdAnswer(IdReaderStatus.CARD_FOUND, Buffer.alloc(4));
    const bytes = Buffer.concat([Buffer.of(0x13, 0xaa), frame]);
    for (let cut = 0; cut <= bytes.length; cut += 1) {
      const d = new IdFrameDecoder();
      const items = [...d.push(bytes.subarray(0, cut)), ...d.push(bytes.subarray(cut))];
      const frames = items.filter((i) => i.type === 'frame');
      expect(frames).toEqual([{ type: 'frame', body: Buffer.from([0, 0, 0x9f, 0, 0, 0, 0]) }]);
    }
  });

  it('reports a wrong XOR and an impossible length, then reads on', () => {
    const good = encodeIdAnswer(IdReaderStatus.OK);
    const bad = Buffer.from(good);
    bad[bad.length - 1] = (bad[bad.length - 1] ?? 0) ^ 1;
    const huge = Buffer.from([0xaa, 0xaa, 0xaa, 0x96, 0x69, 0xff, 0xff]);
    const items = new IdFrameDecoder().push(Buffer.concat([bad, huge, good]));
    expect(items.map((i) => (i.type === 'error' ? i.reason : 'frame'))).toEqual([
      'badChecksum',
      'badLength',
      'garbage',
      'frame',
    ]);
  });

  it('keeps a half frame until flushed as torn', () => {
    const d = new IdFrameDecoder();
    const frame = encodeIdAnswer(IdReaderStatus.OK);
    expect(d.push(frame.subarray(0, 6))).toEqual([]);
    expect(d.flushTorn()).toEqual([{ type: 'error', reason: 'torn' }]);
  });

  it('round-trips every emulated card through the 256 + 1024 byte base message', () => {
    for (const card of Object.values(EMULATED_ID_CARDS)) {
      const data = encodeBaseMessage(idCardToBaseMessageText(card), card.photo);
      expect(data).toHaveLength(4 + 256 + 1024);
      const message = decodeBaseMessage(data);
      if (!message) throw new Error('undecodable');
      expect(idCardFromBaseMessage(message.text, message.photo)).toEqual(card);
    }
  });

  it('refuses a base message of the wrong shape', () => {
    expect(decodeBaseMessage(Buffer.alloc(10))).toBeNull();
    const zhang = EMULATED_ID_CARDS['zhang'];
    if (!zhang) throw new Error('no demo card');
    const text = idCardToBaseMessageText(zhang);
    expect(() => idCardFromBaseMessage({ ...text, sex: '9' }, new Uint8Array(1024))).toThrow(
      expect.objectContaining({ code: 'ID_CARD_UNREADABLE' }),
    );
    expect(() => idCardFromBaseMessage({ ...text, birthDate: '19xx0101' }, new Uint8Array(1024))).toThrow(
      expect.objectContaining({ code: 'ID_CARD_UNREADABLE' }),
    );
  });
});
