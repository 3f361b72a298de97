/**
 * Fault: a request body the fleet monitor's API could not take (JSON cut short or broken, a body
 * over the parser's limit) was answered with the framework's bare `{ statusCode, message }`: no
 * domain code for the dashboard to word, against the API's rule that every error carries one, and
 * the parser's message may quote the body's start (an operator's password at log-in). Now, as the
 * kiosk daemon answers, GATEWAY_MALFORMED_MESSAGE (400) or GATEWAY_MESSAGE_TOO_LARGE (413), the
 * message quoting nothing, and the monitor serves on.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ErrorCode } from '@kiosk/domain';
import { OPERATOR, startMonitor, type MonitorProcess } from './monitor-process.js';

let monitor: MonitorProcess;
let token: string;

beforeAll(async () => {
  monitor = await startMonitor({ 'hall1-k01': 'kiosk pass' });
  token = await monitor.logIn(OPERATOR);
}, 30_000);

afterAll(async () => {
  await monitor?.stop();
});

async function post(path: string, body: string): Promise<{ status: number; text: string }> {
  const response = await fetch(`${monitor.http}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body,
  });
  return { status: response.status, text: await response.text() };
}

describe('fleet API request body unreadable', () => {
  it.each([
    ['cut short, at log-in', '/auth/login', '{"username":"zhang","password":"secret-typed'],
    [
      'broken from its start, a command',
      '/kiosks/hall1-k01/commands',
      'x{"type":"restart","secret-typed":1}',
    ],
  ])('JSON %s: refused with a domain code, quoting nothing of it', async (_what, path, body) => {
    const answer = await post(path, body);
    expect(answer.status).toBe(400);
    expect(JSON.parse(answer.text)).toEqual({
      code: ErrorCode.GATEWAY_MALFORMED_MESSAGE,
      message: expect.any(String),
    });
    expect(answer.text).not.toMatch(/secret|zhang|restart/);
  });

  it('a body over the limit: refused GATEWAY_MESSAGE_TOO_LARGE, and the monitor serves on', async () => {
    const answer = await post('/auth/login', JSON.stringify({ username: 'zhang', pad: 'x'.repeat(200_000) }));
    expect(answer.status).toBe(413);
    expect(JSON.parse(answer.text)).toEqual({
      code: ErrorCode.GATEWAY_MESSAGE_TOO_LARGE,
      message: expect.any(String),
    });
    const login = await post('/auth/login', JSON.stringify(OPERATOR));
    expect(login.status).toBe(200);
  });
});
