import { describe, expect, it } from '@jest/globals';
import { z } from 'zod';
import { checkInboundPayload, parseInboundPayload } from './inbound-payload.js';
import { ErrorCode, KioskError } from './kiosk-error.js';

const refusal = (fn: () => unknown): KioskError => {
  try {
    fn();
  } catch (e) {
    if (e instanceof KioskError) return e;
    throw e;
  }
  throw new Error('accepted');
};

describe('inbound payload at a socket.io border', () => {
  it('binary payload: refused as malformed, whatever its size', () => {
    expect(refusal(() => checkInboundPayload('x', new Uint8Array(3), 100)).code).toBe(
      ErrorCode.GATEWAY_MALFORMED_MESSAGE,
    );
    expect(refusal(() => checkInboundPayload('x', new ArrayBuffer(1000), 100)).code).toBe(
      ErrorCode.GATEWAY_MALFORMED_MESSAGE,
    );
  });

  it('payload that does not serialise (a BigInt): refused as malformed', () => {
    expect(refusal(() => checkInboundPayload('x', { n: 1n }, 100)).code).toBe(
      ErrorCode.GATEWAY_MALFORMED_MESSAGE,
    );
  });

  it('oversized payload: refused with its size and the limit counted in UTF-8 bytes, never the payload', () => {
    const error = refusal(() => checkInboundPayload('x', { name: '张'.repeat(40) }, 100, 'too big here'));
    expect(error.code).toBe(ErrorCode.GATEWAY_MESSAGE_TOO_LARGE);
    expect(error.message).toBe('too big here');
    expect(error.details).toEqual({ event: 'x', bytes: 131, limit: 100 });
    expect(JSON.stringify(error)).not.toContain('张');
    expect(() => checkInboundPayload('x', { name: '张' }, 100)).not.toThrow();
  });

  it('payload of another form: refused with the first problem’s path and kind, never the payload', () => {
    const schema = z.object({ amountFen: z.number().int() }).strict();
    expect(parseInboundPayload(schema, 'x', { amountFen: 100 })).toEqual({ amountFen: 100 });
    const error = refusal(() => parseInboundPayload(schema, 'x', { amountFen: 'secret-123' }));
    expect(error.code).toBe(ErrorCode.GATEWAY_MALFORMED_MESSAGE);
    expect(error.details).toEqual({ event: 'x', path: 'amountFen', problem: 'invalid_type' });
    expect(JSON.stringify(error)).not.toContain('secret-123');
  });
});
