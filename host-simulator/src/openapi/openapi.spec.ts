import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startSimulator, type RunningSimulator } from '../testing/simulator-fixture.js';
import { API_CATALOGUE } from './api-catalogue.js';

describe('OpenAPI document', () => {
  let host: RunningSimulator;
  beforeAll(async () => {
    host = await startSimulator();
  });
  afterAll(() => host.close());

  it('is served at /v1/openapi.json without a key and lists every operation', async () => {
    const res = await host.request('GET', '/v1/openapi.json', { anonymous: true });
    expect(res.status).toBe(200);
    const doc = res.json();
    expect(doc.openapi).toBe('3.1.0');
    for (const op of API_CATALOGUE) {
      const path = `/v1${op.path.replace(/:([A-Za-z]+)/g, '{$1}')}`;
      expect(doc.paths[path]?.[op.method]).toBeDefined();
    }
    const authorise = doc.paths['/v1/withdrawals/authorise'].post;
    expect(authorise.requestBody.content['application/json'].schema.required).toEqual(
      expect.arrayContaining(['cardNumber', 'idNumber', 'amountFen', 'transactionSerial']),
    );
    expect(authorise.parameters.map((p: { name: string }) => p.name)).toContain('idempotency-key');
    expect(authorise['x-error-codes']).toContain('WITHDRAWAL_DAILY_CAP_EXCEEDED');
  });

  it('describes only routes the host serves', async () => {
    for (const op of API_CATALOGUE) {
      const url = `/v1${op.path
        .replace(':cardNumber', 'H41080000101')
        .replace(':applicationNo', 'A0000001')
        .replace(':paymentId', 'QR00000001')
        .replace(':authorisationId', 'W00000001')}`;
      const res = await host.request(op.method.toUpperCase(), url, {
        ...(op.method === 'post' ? { body: {} } : {}),
        idempotencyKey: `probe-${op.method}-${op.path.replaceAll(/[^a-z]/g, '')}`,
      });
      expect({ url, code: res.status === 404 ? res.json().code : 'served' }).not.toEqual({
        url,
        code: 'HOST_ROUTE_NOT_FOUND',
      });
    }
  });
});
