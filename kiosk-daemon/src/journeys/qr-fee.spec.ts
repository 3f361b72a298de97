import { ErrorCode, KioskError } from '@kiosk/domain';
import type { QrPaymentView } from '@kiosk/host-simulator/contract';
import { waitForQrFee } from './qr-fee.js';
import { qrFeeWorld, qrOrderView, withPendingQr } from './qr-fee.spec-support.js';

type Status = QrPaymentView['status'];

/**
 * A back office with QR orders (close and refund by state) and the daemon's view of the pending
 * order; `onPoll` runs on each status poll (a test pays there, or ends the step).
 */
function fakeIssuance() {
  const orders = new Map<string, { status: Status; attempt: number }>();
  const calls: string[] = [];
  const state = { failCreate: false, onPoll: (_id: string): void => undefined };
  const view = (paymentId: string): QrPaymentView => qrOrderView(paymentId, orders.get(paymentId)!.status);
  const { issuance, pending } = withPendingQr({
    startQrPayment: async (_app: string, _serial: string, _s?: AbortSignal, o?: { attempt?: number }) => {
      const attempt = o?.attempt ?? 1;
      calls.push(`create:${attempt}`);
      const id = `QR0000000${attempt}`;
      if (!orders.has(id)) orders.set(id, { status: 'pending', attempt });
      if (state.failCreate) {
        state.failCreate = false;
        throw new KioskError(ErrorCode.HOST_TIMEOUT, 'The back office did not answer in time.');
      }
      return view(id);
    },
    payment: async (id: string) => {
      state.onPoll(id);
      return view(id);
    },
    closeQrPayment: async (id: string) => {
      calls.push(`close:${id}`);
      const o = orders.get(id)!;
      if (o.status === 'pending') o.status = 'closed';
      return view(id);
    },
    refundQrPayment: async (id: string) => {
      calls.push(`refund:${id}`);
      const o = orders.get(id)!;
      if (o.status === 'paid') o.status = 'refunded';
      return view(id);
    },
  });
  return { issuance, orders, calls, state, pending };
}

async function setup() {
  const host = fakeIssuance();
  const { journal, tx, tools, deps, fee, input } = await qrFeeWorld(host.issuance);
  const named = async () => (await journal.stepsOf(tx)).map((s) => `${s.step}:${s.phase}`);
  return { deps, fee, tools, host, named, input };
}

describe('the fee screen’s QR wait', () => {
  it('hands a payment it saw to card making and closes nothing', async () => {
    const w = await setup();
    w.host.state.onPoll = (id) => (w.host.orders.get(id)!.status = 'paid');
    const paid = await waitForQrFee(w.deps, w.tools, w.fee, w.input, new AbortController().signal);
    expect(paid).toEqual({ paymentId: 'QR00000001' });
    expect(w.fee.paidOrder).toEqual({ attempt: 1, paymentId: 'QR00000001' });
    expect(w.fee.settling).toBeUndefined();
    expect(w.host.calls).toEqual(['create:1']);
    expect(w.host.pending()).toBeNull();
    expect(await w.named()).toEqual(['fee.qr:intent', 'fee.qr:done', 'fee.order:event', 'fee.paid:event']);
  });

  it('fault: the step ends while waiting (timeout, cancel, session end): the order is closed at the host', async () => {
    const w = await setup();
    const step = new AbortController();
    w.host.state.onPoll = () => step.abort();
    await expect(waitForQrFee(w.deps, w.tools, w.fee, w.input, step.signal)).rejects.toBeDefined();
    expect(w.host.pending()).toBeNull();
    await w.fee.settling;
    expect(w.host.orders.get('QR00000001')!.status).toBe('closed');
    expect((await w.named()).slice(-3)).toEqual(['fee.close:intent', 'fee.close:done', 'fee.settled:event']);
  });

  it('fault: paid at the host as the step ended: not handed to card making, refunded exactly once', async () => {
    const w = await setup();
    const step = new AbortController();
    w.host.state.onPoll = (id) => {
      w.host.orders.get(id)!.status = 'paid';
      step.abort(); // the timeout fires while the kiosk journals what it saw
    };
    await expect(waitForQrFee(w.deps, w.tools, w.fee, w.input, step.signal)).rejects.toMatchObject({
      code: ErrorCode.SESSION_CANCELLED,
    });
    await w.fee.settling;
    expect(w.fee.paidOrder).toBeUndefined();
    expect(w.host.orders.get('QR00000001')!.status).toBe('refunded');
    expect(w.host.calls.filter((c) => c.startsWith('refund'))).toEqual(['refund:QR00000001']);
    expect((await w.named()).slice(-6)).toEqual([
      'fee.paid:event',
      'fee.close:intent',
      'fee.close:done',
      'fee.refund:intent',
      'fee.refund:done',
      'fee.settled:event',
    ]);
  });

  it('fault: the host times out making the order: the order is found by its key and closed', async () => {
    const w = await setup();
    w.host.state.failCreate = true;
    await expect(
      waitForQrFee(w.deps, w.tools, w.fee, w.input, new AbortController().signal),
    ).rejects.toMatchObject({ code: ErrorCode.HOST_TIMEOUT });
    await w.fee.settling;
    expect(w.host.calls).toEqual(['create:1', 'create:1', 'close:QR00000001']);
    expect(w.host.orders.get('QR00000001')!.status).toBe('closed');
  });

  it('a second order of the session waits for the first to be closed and has a key of its own', async () => {
    const w = await setup();
    const first = new AbortController();
    w.host.state.onPoll = () => first.abort();
    await expect(waitForQrFee(w.deps, w.tools, w.fee, w.input, first.signal)).rejects.toBeDefined();
    w.host.state.onPoll = (id) => (w.host.orders.get(id)!.status = 'paid');
    const paid = await waitForQrFee(w.deps, w.tools, w.fee, w.input, new AbortController().signal);
    expect(paid).toEqual({ paymentId: 'QR00000002' });
    expect(w.host.calls).toEqual(['create:1', 'close:QR00000001', 'create:2']);
  });
});
