import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { demoResident } from '@kiosk/domain';
import type { FastifyBaseLogger } from 'fastify';
import { startSimulator, type RunningSimulator } from '../testing/simulator-fixture.js';

const li = demoResident('li')!;
const zhang = demoResident('zhang')!;

type Serializers = Record<string, (value: unknown) => unknown>;

/** A pino-shaped logger that keeps every line; like pino, it applies the serializers given to child(). */
function captureLogger(lines: string[], serializers: Serializers = {}): FastifyBaseLogger {
  const write =
    (level: string) =>
    (first: unknown, ...rest: unknown[]): void => {
      const fields =
        first !== null && typeof first === 'object'
          ? Object.fromEntries(
              Object.entries(first).map(([k, v]) => [k, serializers[k] ? serializers[k](v) : v]),
            )
          : first;
      lines.push(`${level} ${JSON.stringify([fields, ...rest])}`);
    };
  return {
    level: 'trace',
    fatal: write('fatal'),
    error: write('error'),
    warn: write('warn'),
    info: write('info'),
    debug: write('debug'),
    trace: write('trace'),
    silent: () => undefined,
    child: (_bindings: unknown, options?: { serializers?: Serializers }) =>
      captureLogger(lines, { ...serializers, ...(options?.serializers ?? {}) }),
  } as unknown as FastifyBaseLogger;
}

describe('host logging', () => {
  const lines: string[] = [];
  let host: RunningSimulator;
  beforeAll(async () => {
    host = await startSimulator({ logger: captureLogger(lines) });
  });
  afterAll(() => host.close());

  it('logs requests through the given logger and never an ID number, a key or a body', async () => {
    await host.request('POST', '/v1/accounts/balance', {
      body: { cardNumber: li.cardNumber, idNumber: li.idNumber },
    });
    await host.request('POST', '/v1/accounts/balance', {
      body: { cardNumber: li.cardNumber, idNumber: zhang.idNumber },
    });
    await host.request('GET', '/v1/health', { anonymous: true });
    expect(lines.some((l) => l.includes('/v1/accounts/balance'))).toBe(true);
    const all = lines.join('\n');
    expect(all).not.toContain(li.idNumber);
    expect(all).not.toContain(zhang.idNumber);
    expect(all).not.toContain('test-key-jz-0001');
  });
});
