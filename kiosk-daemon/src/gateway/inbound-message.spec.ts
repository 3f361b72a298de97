import { ErrorCode, KioskError } from '@kiosk/domain';
import { validateInbound } from './inbound-message.js';

function refusal(event: unknown, payload: unknown, limit = 4096): KioskError {
  try {
    validateInbound(event, payload, limit);
  } catch (e) {
    if (KioskError.is(e)) return e;
    throw e;
  }
  throw new Error('expected a refusal');
}

describe('inbound gateway messages', () => {
  it('accepts a well-formed session start', () => {
    expect(validateInbound('session.start', { journey: 'balance' }, 4096)).toEqual({
      event: 'session.start',
      payload: { journey: 'balance' },
    });
  });

  it('refuses an unknown event with GATEWAY_UNKNOWN_EVENT', () => {
    expect(refusal('session.hack', {}).code).toBe(ErrorCode.GATEWAY_UNKNOWN_EVENT);
    expect(refusal(42, {}).code).toBe(ErrorCode.GATEWAY_UNKNOWN_EVENT);
    expect(refusal('__proto__', {}).code).toBe(ErrorCode.GATEWAY_UNKNOWN_EVENT);
  });

  it('refuses a payload over the size limit before parsing it', () => {
    const e = refusal('session.start', { journey: 'x'.repeat(5000) });
    expect(e.code).toBe(ErrorCode.GATEWAY_MESSAGE_TOO_LARGE);
    expect(e.details.limit).toBe(4096);
  });

  it('refuses a malformed payload and names the field without echoing the value', () => {
    const e = refusal('session.start', { journey: '<script>' });
    expect(e.code).toBe(ErrorCode.GATEWAY_MALFORMED_MESSAGE);
    expect(e.details.path).toBe('journey');
    expect(JSON.stringify(e.toJSON())).not.toContain('<script>');
  });

  it('refuses extra keys (strict schemas)', () => {
    expect(refusal('session.command', { command: 'cancel', pin: '123456' }).code).toBe(
      ErrorCode.GATEWAY_MALFORMED_MESSAGE,
    );
  });

  it('refuses a missing payload, an array and a binary payload', () => {
    expect(refusal('locale.set', undefined).code).toBe(ErrorCode.GATEWAY_MALFORMED_MESSAGE);
    expect(refusal('locale.set', ['en']).code).toBe(ErrorCode.GATEWAY_MALFORMED_MESSAGE);
    expect(refusal('locale.set', Buffer.from('en')).code).toBe(ErrorCode.GATEWAY_MALFORMED_MESSAGE);
  });

  it('accepts a special withdrawal of a known kind and refuses an unknown kind with GATEWAY_MALFORMED_MESSAGE', () => {
    expect(validateInbound('session.specialWithdrawal', { kind: 'leavingJob' }, 4096)).toEqual({
      event: 'session.specialWithdrawal',
      payload: { kind: 'leavingJob' },
    });
    const e = refusal('session.specialWithdrawal', { kind: 'everything' });
    expect(e.code).toBe(ErrorCode.GATEWAY_MALFORMED_MESSAGE);
    expect(e.details.path).toBe('kind');
  });

  it('refuses a malformed demo.looks (no device, a count out of range, an unbounded wait) with GATEWAY_MALFORMED_MESSAGE', () => {
    expect(validateInbound('demo.looks', { device: 'idReader', more: 3, withinMs: 10_000 }, 4096)).toEqual({
      event: 'demo.looks',
      payload: { device: 'idReader', more: 3, withinMs: 10_000 },
    });
    expect(refusal('demo.looks', { more: 3, withinMs: 10_000 }).details.path).toBe('device');
    expect(refusal('demo.looks', { device: 'pinPad', more: 3, withinMs: 10_000 }).code).toBe(
      ErrorCode.GATEWAY_MALFORMED_MESSAGE,
    );
    expect(refusal('demo.looks', { device: 'idReader', more: 0, withinMs: 10_000 }).details.path).toBe(
      'more',
    );
    expect(refusal('demo.looks', { device: 'idReader', more: 3, withinMs: 600_000 }).details.path).toBe(
      'withinMs',
    );
    expect(refusal('demo.looks', { device: 'idReader', more: 3 }).code).toBe(
      ErrorCode.GATEWAY_MALFORMED_MESSAGE,
    );
  });

  it('refuses a payload that cannot be serialised (a cycle)', () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(refusal('locale.set', cyclic).code).toBe(ErrorCode.GATEWAY_MALFORMED_MESSAGE);
  });
});
