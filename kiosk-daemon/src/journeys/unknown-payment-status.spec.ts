/**
 * Fault: the host answers a QR fee payment with a status this kiosk does not know (a newer back
 * office added one). The status is a closed list (ADR 0013): read through the host client it is a
 * refusal of its own code, HOST_UNKNOWN_PAYMENT_STATUS, and the fee is neither paid (no card is
 * made for it) nor not paid (nothing is written off): the order is closed at the host, refunded if
 * the host then says it was paid, and while the host still cannot say, left unsettled in the
 * journal for recovery to settle at the next boot.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ErrorCode } from '@kiosk/domain';
import { QrPaymentView } from '@kiosk/host-simulator/contract';
import { createServer, type Server } from 'node:http';
import { HostHttpClient } from '../host/host-http.client.js';
import type { IssuanceHostService } from '../host/issuance-host.service.js';
import { unsettledQrOrders } from './fee-settlement.js';
import { waitForQrFee } from './qr-fee.js';
import { qrFeeWorld } from './qr-fee.spec-support.js';

/** what the canned host answers for the order, by call */
const host = { polled: 'pending', closed: 'closed', refunded: 'refunded', calls: [] as string[] };
let server: Server;
let client: HostHttpClient;

const order = (status: string) => ({
  paymentId: 'QR00000001',
  applicationNo: 'A0000042',
  amountFen: 2000,
  status,
  qrContent: 'kioskpay:order/QR00000001?amount=2000',
  expiresAt: '2026-11-27T03:00:00.000Z',
  expiresInMs: 0,
  paidAt: null,
});

beforeAll(async () => {
  server = createServer((req, res) => {
    const call = `${req.method} ${req.url}`;
    host.calls.push(call);
    const status = call.endsWith('/close')
      ? host.closed
      : call.endsWith('/refund')
        ? host.refunded
        : call.startsWith('GET')
          ? host.polled
          : 'pending';
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(order(status)));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  client = new HostHttpClient({
    baseUrl: `http://127.0.0.1:${port}`,
    kioskId: 'JZ-0001',
    kioskKey: 'test-key',
    timeoutMs: 2_000,
  });
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

/** The issuance calls of the fee, each read through the real client and contract. */
function issuanceOverHttp(): IssuanceHostService {
  let pending: unknown = null;
  const ask = (method: 'GET' | 'POST', path: string) =>
    client.request({ method, path, ...(method === 'POST' ? { body: {} } : {}), schema: QrPaymentView });
  return {
    get pendingQr() {
      return null;
    },
    set pendingQrOrder(o: unknown) {
      pending = o;
    },
    get pendingQrOrder() {
      return pending;
    },
    startQrPayment: () => ask('POST', '/v1/applications/A0000042/fee/qr'),
    payment: (id: string) => ask('GET', `/v1/payments/${id}`),
    closeQrPayment: (id: string) => ask('POST', `/v1/payments/${id}/close`),
    refundQrPayment: (id: string) => ask('POST', `/v1/payments/${id}/refund`),
  } as unknown as IssuanceHostService;
}

async function setup() {
  host.calls = [];
  const { db, journal, tx, tools, deps, fee, input } = await qrFeeWorld(issuanceOverHttp());
  const steps = () => journal.stepsOf(tx);
  return { deps, fee, tools, steps, input, close: () => db.destroy() };
}

describe('unknown payment status from the host', () => {
  it('makes no card for a fee of unknown status and leaves its order to recovery while the host cannot say', async () => {
    const w = await setup();
    host.polled = 'refundPending';
    host.closed = 'refundPending';
    await expect(
      waitForQrFee(w.deps, w.tools, w.fee, w.input, new AbortController().signal),
    ).rejects.toMatchObject({ code: ErrorCode.HOST_UNKNOWN_PAYMENT_STATUS });
    await w.fee.settling;
    expect(w.fee.paidOrder).toBeUndefined();
    const steps = await w.steps();
    const named = steps.map((s) => `${s.step}:${s.phase}`);
    expect(named).not.toContain('fee.paid:event');
    expect(named).not.toContain('fee.settled:event');
    expect(named.slice(-2)).toEqual(['fee.close:intent', 'fee.close:failed']);
    expect(JSON.parse(steps.at(-1)!.detail!)).toEqual({ code: ErrorCode.HOST_UNKNOWN_PAYMENT_STATUS });
    // recovery at the next boot finds the order still open, with its id
    expect(unsettledQrOrders(steps)).toEqual([
      { attempt: 1, applicationNo: 'A0000042', paymentId: 'QR00000001' },
    ]);
    expect(host.calls.filter((c) => c.endsWith('/refund'))).toEqual([]);
    await w.close();
  });

  it('refunds the fee once the host, asked to close, says it was paid', async () => {
    const w = await setup();
    host.polled = 'refundPending';
    host.closed = 'paid';
    await expect(
      waitForQrFee(w.deps, w.tools, w.fee, w.input, new AbortController().signal),
    ).rejects.toMatchObject({ code: ErrorCode.HOST_UNKNOWN_PAYMENT_STATUS });
    await w.fee.settling;
    const steps = await w.steps();
    expect(steps.map((s) => `${s.step}:${s.phase}`).slice(-4)).toEqual([
      'fee.close:done',
      'fee.refund:intent',
      'fee.refund:done',
      'fee.settled:event',
    ]);
    expect(JSON.parse(steps.at(-1)!.detail!)).toMatchObject({ outcome: 'refunded' });
    expect(unsettledQrOrders(steps)).toEqual([]);
    await w.close();
  });
});
