import { ErrorCode } from '@kiosk/domain';
import {
  decodePinDigits,
  encodeEppAnswer,
  encodeEppFrame,
  encodePinDigits,
  EppDecoder,
  eppErrorCode,
  EppStatus,
  startPinInput,
} from './epp.protocol.js';

describe('SZZT style PIN pad frames', () => {
  it('frames a command as STX, three length digits, the text, ETX and the XOR of those as two hex digits', () => {
    // "5032": 0x30^0x30^0x34 ^ 0x35^0x30^0x33^0x32 ^ 0x03 = 0x33
    expect(encodeEppFrame('5032').toString('hex')).toBe('02303034' + '35303332' + '03' + '3333');
    expect(startPinInput(6)).toBe('600@006');
  });

  it('splits key bytes before a frame from the frame, and reads the frame whole', () => {
    const d = new EppDecoder();
    const answer = encodeEppAnswer(EppStatus.OK);
    const items = d.push(
      Buffer.concat([Buffer.from([0x2a, 0x08, 0x1b, 0x0d, 0x41]), answer, Buffer.from([0x2a])]),
    );
    expect(
      items.map((i) =>
        i.type === 'frame' ? `frame:${i.text.toString('latin1')}` : i.type === 'key' ? i.key : i.reason,
      ),
    ).toEqual(['digit', 'clear', 'cancel', 'enter', 'frame:0', 'digit']);
    expect(d.pending).toBe(0);
  });

  it('holds a frame split across reads; one cut short is dropped whole, never read as keys', () => {
    const d = new EppDecoder();
    const frame = encodeEppAnswer(EppStatus.OK, encodePinDigits([1, 2, 3, 4]));
    expect(d.push(frame.subarray(0, 7))).toEqual([]);
    expect(d.pending).toBe(7);
    expect(d.flushTorn()).toEqual([{ type: 'error', reason: 'torn' }]);
    expect(d.pending).toBe(0);
    const again = d.push(frame.subarray(0, 5));
    expect(again).toEqual([]);
    expect(d.push(frame.subarray(5)).map((i) => i.type)).toEqual(['frame']);
  });

  it('refuses a frame with a wrong check byte or no ETX', () => {
    const d = new EppDecoder();
    const bad = encodeEppFrame('7');
    bad[bad.length - 1] = bad[bad.length - 1] === 0x30 ? 0x31 : 0x30;
    expect(d.push(bad)).toEqual([{ type: 'error', reason: 'badCheck' }]);
    const noEtx = encodeEppFrame('7');
    noEtx[5] = 0x04;
    expect(d.push(noEtx)).toEqual([{ type: 'error', reason: 'badCheck' }]);
  });

  it('reads the PIN of a "get PIN" answer only in its shape', () => {
    expect(decodePinDigits(encodePinDigits([0, 4, 2, 6, 9, 1]), 6)).toEqual([0, 4, 2, 6, 9, 1]);
    expect(decodePinDigits(encodePinDigits([0, 4, 2, 6]), 6)).toBeNull();
    expect(decodePinDigits(Buffer.from('0006414243444546', 'latin1'), 6)).toBeNull();
  });

  it('maps the pad error statuses to coded errors', () => {
    expect(eppErrorCode(EppStatus.OK)).toBeNull();
    expect(eppErrorCode(EppStatus.TMK_REQUIRED)).toBe(ErrorCode.DEVICE_HARDWARE_ERROR);
    expect(eppErrorCode(EppStatus.BAD_DATA)).toBe(ErrorCode.DEVICE_PROTOCOL_ERROR);
    expect(eppErrorCode(EppStatus.INPUT_TIMED_OUT)).toBe(ErrorCode.DEVICE_TIMEOUT);
  });
});
