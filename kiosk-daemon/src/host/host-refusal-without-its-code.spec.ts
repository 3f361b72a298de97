/**
 * Fault: an answer of 4xx without the back office's coded body (a proxy's HTML 404 while the host
 * is being moved, a gateway's 429, JSON without a code) was read as the back office's refusal
 * (HOST_REJECTED): a refusal stands, so an act owed to the host (a card's activation, a PIN report,
 * a withdrawal's confirm or release) was journaled refused and never sent again, though the host
 * never saw it. Such an answer is now HOST_BAD_RESPONSE (its status named): not answered, tried
 * again. The host's own refusal, with its code, stands as before.
 */
import { afterEach, describe, expect, it } from '@jest/globals';
import { ErrorCode, KioskError } from '@kiosk/domain';
import { z } from 'zod';
import { hostDidNotAnswer } from './host-retry.js';
import { startBackOffice } from './json-back-office.spec-support.js';

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

/** A back office (or what stands in its place) answering every call with `status` and `body`. */
async function answering(status: number, body: string, type = 'application/json'): Promise<KioskError> {
  const office = await startBackOffice((_req, res) =>
    res.writeHead(status, { 'content-type': type }).end(body),
  );
  closers.push(() => office.close());
  const call = office.client.request({
    method: 'POST',
    path: '/v1/cards/x/activate',
    body: {},
    schema: z.object({}),
  });
  return call.then(
    () => {
      throw new Error('the call was answered');
    },
    (e: unknown) => KioskError.from(e),
  );
}

describe('host refusal without its code', () => {
  it.each([
    ['a proxy’s HTML 404', 404, '<html><body>Not Found</body></html>', 'text/html'],
    ['a gateway’s 429', 429, 'Too Many Requests', 'text/plain'],
    ['JSON without a code', 400, '{"error":"bad gateway route"}', 'application/json'],
    ['an empty 409', 409, '', 'application/json'],
  ])('%s: a bad response, tried again, not a refusal that stands', async (_what, status, body, type) => {
    const error = await answering(status, body, type);
    expect(error).toMatchObject({ code: ErrorCode.HOST_BAD_RESPONSE, details: { status } });
    expect(hostDidNotAnswer(error)).toBe(true);
  });

  it('the back office’s own refusal, with its code, stands', async () => {
    const error = await answering(
      409,
      JSON.stringify({ code: ErrorCode.CARD_STATE_CONFLICT, message: 'no' }),
    );
    expect(error.code).toBe(ErrorCode.CARD_STATE_CONFLICT);
    expect(hostDidNotAnswer(error)).toBe(false);
  });
});
