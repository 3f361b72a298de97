import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import Fastify, { type FastifyInstance } from 'fastify';
import './fastify-augment.js';
import { installErrorAnswers } from './host-error.js';
import { IdempotencyStore, installIdempotency } from './idempotency.hook.js';

/** A bare app with the idempotency hook and a counter route, so replays are visible. */
describe('idempotency of state-changing requests', () => {
  let app: FastifyInstance;
  let url: string;
  let executions = 0;
  let failNext = false;
  let gate: Promise<void> = Promise.resolve();
  const store = new IdempotencyStore(50);

  beforeAll(async () => {
    app = Fastify({ logger: false });
    app.decorateRequest('kioskId', '');
    app.decorateRequest('auditCardNumber', null);
    app.decorateRequest('outcome', 'ok');
    installErrorAnswers(app);
    app.addHook('onRequest', async (request) => {
      request.kioskId = String(request.headers['x-kiosk-id'] ?? 'JZ-0001');
    });
    installIdempotency(app, store);
    app.post('/debit', { config: { idempotent: true } }, async (request, reply) => {
      await gate;
      executions += 1;
      if (failNext) {
        failNext = false;
        return reply.code(503).send({ code: 'HOST_UNREACHABLE', message: 'down' });
      }
      const { amount } = request.body as { amount: number };
      if (amount > 100) return reply.code(409).send({ code: 'HOST_REJECTED', message: 'too much' });
      return { execution: executions, amount };
    });
    url = await app.listen({ port: 0, host: '127.0.0.1' });
  });
  afterAll(() => app.close());

  const post = async (body: unknown, key?: string, kioskId = 'JZ-0001') => {
    const res = await fetch(`${url}/debit`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-kiosk-id': kioskId,
        ...(key === undefined ? {} : { 'idempotency-key': key }),
      },
      body: JSON.stringify(body),
    });
    return {
      status: res.status,
      replay: res.headers.get('idempotent-replay'),
      body: (await res.json()) as { code?: string; execution?: number; amount?: number },
    };
  };

  it('returns the first answer to a replay without running the request again', async () => {
    const first = await post({ amount: 10 }, 'JZ-0001:000101');
    const before = executions;
    const replay = await post({ amount: 10 }, 'JZ-0001:000101');
    expect(replay.status).toBe(200);
    expect(replay.body).toEqual(first.body);
    expect(replay.replay).toBe('true');
    expect(first.replay).toBeNull();
    expect(executions).toBe(before);
  });

  it('replays a refusal as it was first answered', async () => {
    const first = await post({ amount: 500 }, 'refused-1');
    const replay = await post({ amount: 500 }, 'refused-1');
    expect(first.status).toBe(409);
    expect(replay).toEqual({ ...first, replay: 'true' });
  });

  it('keeps keys apart per kiosk', async () => {
    const a = await post({ amount: 1 }, 'same-key', 'JZ-0001');
    const b = await post({ amount: 1 }, 'same-key', 'JZ-0002');
    expect(b.replay).toBeNull();
    expect(b.body.execution).not.toBe(a.body.execution);
  });

  it('refuses a key reused for a different request with HOST_IDEMPOTENCY_KEY_REUSED', async () => {
    await post({ amount: 20 }, 'reused');
    const other = await post({ amount: 30 }, 'reused');
    expect(other.status).toBe(422);
    expect(other.body.code).toBe('HOST_IDEMPOTENCY_KEY_REUSED');
  });

  it('refuses a state-changing request without a key', async () => {
    const res = await post({ amount: 1 });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('HOST_BAD_REQUEST');
    const bad = await post({ amount: 1 }, 'spaces are not allowed');
    expect(bad.status).toBe(400);
  });

  it('runs a retry afresh when the first attempt met a host fault', async () => {
    failNext = true;
    const first = await post({ amount: 5 }, 'after-fault');
    expect(first.status).toBe(503);
    const retry = await post({ amount: 5 }, 'after-fault');
    expect(retry.status).toBe(200);
    expect(retry.replay).toBeNull();
  });

  it('makes a replay arriving during the first request wait for its answer', async () => {
    let open!: () => void;
    gate = new Promise((resolve) => (open = resolve));
    const before = executions;
    let arrivals = 0;
    const bothArrived = new Promise<void>((resolve) => {
      const onRequest = () => {
        arrivals += 1;
        if (arrivals === 2) {
          app.server.off('request', onRequest);
          resolve();
        }
      };
      app.server.on('request', onRequest);
    });
    const first = post({ amount: 7 }, 'concurrent');
    const second = post({ amount: 7 }, 'concurrent');
    await bothArrived;
    open();
    const [a, b] = await Promise.all([first, second]);
    gate = Promise.resolve();
    expect(executions).toBe(before + 1);
    expect(b.body).toEqual(a.body);
    expect([a.replay, b.replay].sort()).toEqual([null, 'true'].sort());
  });

  it('forgets the oldest answers beyond its capacity', async () => {
    for (let i = 0; i < 60; i += 1) await post({ amount: 1 }, `bulk-${i}`);
    expect(store.size).toBeLessThanOrEqual(50);
  });
});
