/**
 * Fault: the PIN-outcome API (`POST /v1/cards/:cardNumber/pin-events`) took a body with fields it
 * does not know and answered 200, dropping them unread: a client sending more than the outcome (a
 * count it expected the host to keep, or the PIN itself, which no host may receive) was never told.
 * The body is the card's verdict alone (`PinEvent`, strict): any other field is refused with 400
 * HOST_BAD_REQUEST naming the field, never its value, and nothing is counted.
 */
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { demoResident } from '@kiosk/domain';
import { startSimulator, type RunningSimulator } from '../testing/simulator-fixture.js';

const li = demoResident('li')!;

describe('a PIN outcome with fields the API does not know', () => {
  let host: RunningSimulator;
  beforeEach(async () => {
    host = await startSimulator();
  });
  afterEach(() => host.close());

  const pinEvent = (body: Record<string, unknown>, key: string) =>
    host.request('POST', `/v1/cards/${li.cardNumber}/pin-events`, { body, idempotencyKey: key });

  it.each([
    ['a count the host does not keep', { outcome: 'wrong', attemptsLeft: 2 }, 'attemptsLeft'],
    ['the PIN itself', { outcome: 'wrong', pin: '258369' }, 'pin'],
  ])('refuses %s with HOST_BAD_REQUEST naming the field, and counts nothing', async (_what, body, field) => {
    const refused = await pinEvent(body, `JZ-0001:JZ-0001-000001:1:pin-wrong-${field}`);
    expect(refused.status).toBe(400);
    const answer = refused.json();
    expect(answer.code).toBe('HOST_BAD_REQUEST');
    expect(answer.message).toContain(field);
    expect(JSON.stringify(answer)).not.toContain('258369');
    // the refused event was not counted: the next wrong PIN is the card's first
    const next = await pinEvent({ outcome: 'wrong' }, 'JZ-0001:JZ-0001-000001:2:pin-wrong');
    expect(next.status).toBe(200);
    expect(next.json().recentFailures).toBe(1);
  });
});
