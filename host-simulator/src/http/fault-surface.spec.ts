import { once } from 'node:events';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { demoResident } from '@kiosk/domain';
import { startSimulator, type RunningSimulator } from '../testing/simulator-fixture.js';

const li = demoResident('li')!;

describe('host fault surface', () => {
  let host: RunningSimulator;
  beforeAll(async () => {
    host = await startSimulator();
  });
  beforeEach(() => host.simulator.faults.clear());
  afterAll(() => host.close());

  it('delays every /v1 answer by delayMs (a slow host)', async () => {
    host.simulator.faults.set({ delayMs: 150 });
    const started = performance.now();
    const res = await host.request('GET', `/v1/cards/${li.cardNumber}`);
    expect(res.status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(140);
  });

  it('lets a client time out against a delayed host (host times out)', async () => {
    host.simulator.faults.set({ delayMs: 2_000 });
    await expect(
      host.request('POST', '/v1/accounts/balance', {
        body: { cardNumber: li.cardNumber, idNumber: li.idNumber },
        signal: AbortSignal.timeout(100),
      }),
    ).rejects.toMatchObject({ name: 'TimeoutError' });
  });

  it('fails every /v1 request with the status and code given', async () => {
    host.simulator.faults.set({ failWith: { status: 503, code: 'HOST_UNREACHABLE' } });
    const res = await host.request('POST', '/v1/accounts/balance', {
      body: { cardNumber: li.cardNumber, idNumber: li.idNumber },
    });
    expect(res.status).toBe(503);
    expect(res.json()).toEqual({ code: 'HOST_UNREACHABLE', message: expect.any(String) });
  });

  it('keeps health answering whatever the faults', async () => {
    host.simulator.faults.set({ delayMs: 5_000, failWith: { status: 500, code: 'INTERNAL' } });
    // well inside the delay it would meet, and more than a loaded machine may hold a request off
    const res = await host.request('GET', '/v1/health', { signal: AbortSignal.timeout(2_500) });
    expect(res.status).toBe(200);
  });

  it('still refuses an unauthenticated request before any fault applies', async () => {
    host.simulator.faults.set({ failWith: { status: 500, code: 'INTERNAL' } });
    const res = await host.request('GET', `/v1/cards/${li.cardNumber}`, { anonymous: true });
    expect(res.status).toBe(401);
  });

  it('recovers when the fault is cleared', async () => {
    host.simulator.faults.set({ failWith: { status: 500, code: 'INTERNAL' } });
    host.simulator.faults.set({ failWith: null });
    expect(host.simulator.faults.current()).toEqual({ delayMs: 0, failWith: null });
    const res = await host.request('GET', `/v1/cards/${li.cardNumber}`);
    expect(res.status).toBe(200);
  });

  it('refuses nonsense fault settings', () => {
    expect(() => host.simulator.faults.set({ delayMs: -1 })).toThrow(RangeError);
    expect(() => host.simulator.faults.set({ failWith: { status: 200, code: 'INTERNAL' } })).toThrow(
      RangeError,
    );
  });

  it('closes promptly while a delayed request is pending', async () => {
    const other = await startSimulator();
    other.simulator.faults.set({ delayMs: 60_000 });
    const arrived = once(other.simulator.app.server, 'request');
    const pending = other.request('GET', `/v1/cards/${li.cardNumber}`).catch((e: unknown) => e);
    await arrived;
    const started = performance.now();
    await other.close();
    // far short of the delay the request waits out (60 s), whatever the load
    expect(performance.now() - started).toBeLessThan(10_000);
    const answer = await pending;
    if (!(answer instanceof Error)) expect((answer as { status: number }).status).toBe(503);
  });
});
