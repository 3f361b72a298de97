import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { makeSimulator, startSimulator, type RunningSimulator } from '../testing/simulator-fixture.js';

describe('kiosk authentication', () => {
  let host: RunningSimulator;
  beforeAll(async () => {
    host = await startSimulator();
  });
  afterAll(() => host.close());
  const card = '/v1/cards/H41080000101';

  it('refuses a request without any key with 401 HOST_UNAUTHORIZED', async () => {
    const res = await host.request('GET', card, { anonymous: true });
    expect(res.status).toBe(401);
    expect(res.json()).toEqual({ code: 'HOST_UNAUTHORIZED', message: expect.any(String) });
    expect(host.simulator.state.audit.at(-1)).toMatchObject({
      kioskId: 'unauthenticated',
      outcome: 'HOST_UNAUTHORIZED',
    });
  });

  it('refuses a kiosk id without a bearer key', async () => {
    const res = await host.request('GET', card, { anonymous: true, headers: { 'x-kiosk-id': 'JZ-0001' } });
    expect(res.status).toBe(401);
    expect(res.json().code).toBe('HOST_UNAUTHORIZED');
  });

  it('refuses a key without a kiosk id', async () => {
    const res = await host.request('GET', card, {
      anonymous: true,
      headers: { authorization: 'Bearer test-key-jz-0001' },
    });
    expect(res.status).toBe(401);
  });

  it('refuses a wrong key for a known kiosk', async () => {
    const res = await host.request('GET', card, {
      headers: { 'x-kiosk-id': 'JZ-0001', authorization: 'Bearer test-key-jz-0002' },
    });
    expect(res.status).toBe(401);
    expect(res.json().code).toBe('HOST_UNAUTHORIZED');
  });

  it('refuses an unknown kiosk even with another kiosk’s valid key', async () => {
    const res = await host.request('GET', card, {
      headers: { 'x-kiosk-id': 'JZ-9999', authorization: 'Bearer test-key-jz-0001' },
    });
    expect(res.status).toBe(401);
    expect(res.json().code).toBe('HOST_UNAUTHORIZED');
  });

  it('refuses a key given without the Bearer scheme', async () => {
    const res = await host.request('GET', card, {
      headers: { 'x-kiosk-id': 'JZ-0001', authorization: 'test-key-jz-0001' },
    });
    expect(res.status).toBe(401);
  });

  it('accepts each kiosk with its own key and audits who asked', async () => {
    for (const [id, key] of [
      ['JZ-0001', 'test-key-jz-0001'],
      ['JZ-0002', 'test-key-jz-0002'],
    ] as const) {
      const res = await host.request('GET', card, {
        headers: { 'x-kiosk-id': id, authorization: `Bearer ${key}` },
      });
      expect(res.status).toBe(200);
    }
    const audited = host.simulator.state.audit.filter(
      (e) => e.action === 'GET /v1/cards/:cardNumber' && e.kioskId !== 'unauthenticated',
    );
    expect(audited.map((e) => e.kioskId)).toEqual(expect.arrayContaining(['JZ-0001', 'JZ-0002']));
    expect(audited.every((e) => e.cardNumber === 'H41080000101' && e.outcome === 'ok')).toBe(true);
    const refused = host.simulator.state.audit.filter((e) => e.kioskId === 'unauthenticated');
    expect(refused.length).toBeGreaterThanOrEqual(5);
    expect(refused.every((e) => e.outcome === 'HOST_UNAUTHORIZED')).toBe(true);
  });

  it('answers health without a key', async () => {
    const res = await host.request('GET', '/v1/health', { anonymous: true });
    expect(res.status).toBe(200);
    expect(res.json()).toEqual({ status: 'ok', time: '2026-11-26T10:00:00.000Z' });
  });

  it('answers an unknown route with a coded 404', async () => {
    const res = await host.request('GET', '/v1/nothing-here');
    expect(res.status).toBe(404);
    expect(res.json().code).toBe('HOST_ROUTE_NOT_FOUND');
  });

  it('refuses to start without kiosk keys or with a short key', () => {
    expect(() => makeSimulator({ kioskKeys: {} })).toThrow(RangeError);
    expect(() => makeSimulator({ kioskKeys: { 'JZ-0001': 'short' } })).toThrow(RangeError);
    expect(() => makeSimulator({ rules: { dailyWithdrawalCount: 0 } })).toThrow(/dailyWithdrawalCount/);
    expect(() => makeSimulator({ issuerMasterKey: 'not-hex' })).toThrow(RangeError);
    expect(() => makeSimulator({ residents: -1 })).toThrow(RangeError);
  });
});
