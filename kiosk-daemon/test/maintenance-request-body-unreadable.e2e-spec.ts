/**
 * Fault: a request body the daemon's HTTP routes could not take (JSON cut short or broken, a body
 * over the parser's limit) was answered with the framework's bare `{ statusCode, message }`: no
 * domain code for the staff screens to word, against the maintenance API's rule that every error
 * carries one, and the parser's message may quote the body's start. Now such a body is refused
 * GATEWAY_MALFORMED_MESSAGE (400) or GATEWAY_MESSAGE_TOO_LARGE (413), its message quoting nothing,
 * and the daemon serves on.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ErrorCode } from '@kiosk/domain';
import { startDaemon, type DaemonProcess } from './daemon-process.js';

let daemon: DaemonProcess;

beforeAll(async () => {
  daemon = await startDaemon();
}, 60_000);

afterAll(async () => {
  await daemon?.stop();
});

async function post(path: string, body: string): Promise<{ status: number; text: string }> {
  const response = await fetch(`${daemon.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: 'Bearer none' },
    body,
  });
  return { status: response.status, text: await response.text() };
}

describe('maintenance request body unreadable', () => {
  it.each([
    ['cut short', '{"transactionId":"JZ-0001-000001","verdict":'],
    ['broken from its start', 'x{"transactionId":"41080219900101123X","verdict":"paid"}'],
  ])('JSON %s: refused with a domain code, quoting nothing of it', async (_what, body) => {
    const answer = await post('/maintenance/settle-withdrawal', body);
    expect(answer.status).toBe(400);
    expect(JSON.parse(answer.text)).toEqual({
      code: ErrorCode.GATEWAY_MALFORMED_MESSAGE,
      message: expect.any(String),
    });
    expect(answer.text).not.toMatch(/transac|4108|verdict/);
  });

  it('a body over the limit: refused GATEWAY_MESSAGE_TOO_LARGE, and the daemon serves on', async () => {
    const body = JSON.stringify({ staffId: 'FS-0001', pad: 'x'.repeat(200_000) });
    const answer = await post('/maintenance/login', body);
    expect(answer.status).toBe(413);
    expect(JSON.parse(answer.text)).toMatchObject({ code: ErrorCode.GATEWAY_MESSAGE_TOO_LARGE });
    const login = await post('/maintenance/login', JSON.stringify({ staffId: 'nobody' }));
    expect(JSON.parse(login.text)).toMatchObject({ code: ErrorCode.GATEWAY_MALFORMED_MESSAGE });
  });
});
