/**
 * Fault: a QR fee order the host hands back for the next code, refunded by the close of the code
 * before. The resident asked for more time (or the code ended); the close of that order went
 * unanswered and was left to the background tries. The host hands a still-payable order of the
 * application back for a new one (ADR 0015), so the next code was that same order: the resident paid
 * it, card making took the fee, and the background close of the earlier attempt then found it paid
 * and refunded it, by its own key: the card made with its fee given back (the application awaiting
 * its fee again, the card's report refused). Now an order a later attempt of the transaction holds
 * (its `fee.order` names the same payment) is that attempt's to settle: the earlier one is settled
 * `handedBack`, nothing closed or refunded for it. The latest attempt holding an order still closes
 * it as before, so an order is never left open.
 *
 * The kiosk's fee wait (`waitForQrFee`, the journal on SQLite in memory), the real host simulator
 * (embedded, over HTTP) with its fault surface, the background tries a fake that keeps the close
 * handed to it for the spec to run.
 */
import { afterEach, describe, expect, it } from '@jest/globals';
import { ErrorCode, demoResident } from '@kiosk/domain';
import { eventually } from '@kiosk/domain/testing';
import { createHostSimulator } from '@kiosk/host-simulator';
import { IssuanceHostService } from '../host/issuance-host.service.js';
import type { HostRetry } from '../host/host-retry.js';
import { MetricsService } from '../telemetry/metrics.service.js';
import { settleQrOrder } from './fee-settlement.js';
import { hostOverHttp } from './host-over-http.spec-support.js';
import { waitForQrFee } from './qr-fee.js';
import { qrFeeWorld } from './qr-fee.spec-support.js';

const zhang = demoResident('zhang')!;

const cleanups: (() => Promise<unknown> | unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function setup() {
  const { simulator, connection } = await hostOverHttp(createHostSimulator, cleanups);
  const issuance = new IssuanceHostService(connection, new MetricsService());
  const w = await qrFeeWorld(issuance);
  cleanups.push(() => w.db.destroy());
  const application = await issuance.requestReplacement(zhang.cardNumber, zhang.idNumber, w.tx);
  /** the closes handed to the background tries, for the spec to run */
  const later: HostRetry[] = [];
  const feeRetry = {
    retryLater: async (_key: string, _error: unknown, retry: HostRetry) => (later.push(retry), true),
  };
  const deps = { ...w.deps, feeRetry };
  const input = { ...w.input, applicationId: application.applicationNo };
  /** the fee step shows a code until `step` ends; resolves the code shown (its order's id) */
  const showCode = async (step: AbortController) => {
    const waiting = waitForQrFee(deps, w.tools, w.fee, input, step.signal);
    waiting.catch(() => undefined);
    const shown = await eventually(() => issuance.pendingQr, 'a code shown', { withinMs: 5_000 });
    return { waiting, paymentId: shown! };
  };
  const settled = async () =>
    (await w.journal.stepsOf(w.tx))
      .filter((s) => s.step === 'fee.settled')
      .map((s) => JSON.parse(s.detail!) as { attempt: number; outcome: string });
  return { ...w, simulator, issuance, application, later, showCode, settled };
}

/**
 * The first code shown, then given up (more time) while the host does not answer its close, which
 * is left to the background tries; the next code shown: the host hands the same order back.
 */
async function handedBack() {
  const w = await setup();
  const first = new AbortController();
  const one = await w.showCode(first);
  w.simulator.faults.set({ failWith: { status: 503, code: ErrorCode.HOST_UNREACHABLE } });
  first.abort();
  await expect(one.waiting).rejects.toBeDefined();
  await w.fee.settling;
  expect(w.later).toHaveLength(1);
  w.simulator.faults.clear();
  const second = new AbortController();
  const two = await w.showCode(second);
  expect(two.paymentId).toBe(one.paymentId);
  return { w, one, two, second };
}

describe('fault: qr-order-handed-back-for-next-code-refunded', () => {
  it('the close of the first code unanswered, the host hands its order back for the next code, the resident pays it: the fee stays with the card, the earlier close refunds nothing', async () => {
    const { w, one, two } = await handedBack();
    // the resident pays the order handed back
    w.simulator.qrProvider.pay(two.paymentId);
    await expect(two.waiting).resolves.toEqual({ paymentId: two.paymentId });
    await w.tools.step('fee.settled', { attempt: 2, paymentId: two.paymentId, outcome: 'accepted' });
    // the host answers again: the background close of the first code is tried
    await w.later[0]!.send();
    expect(w.simulator.state.payments.get(two.paymentId)!.status).toBe('paid');
    const application = w.simulator.state.applications.get(w.application.applicationNo)!;
    expect(application).toMatchObject({ status: 'ready', feePaidBy: 'qr' });
    expect(await w.settled()).toEqual([
      { attempt: 2, paymentId: two.paymentId, outcome: 'accepted' },
      { attempt: 1, paymentId: one.paymentId, outcome: 'handedBack', to: 2 },
    ]);
  });

  it('the order handed back is given up by the later code too: that one closes it, once', async () => {
    const { w, one, two, second } = await handedBack();
    second.abort(); // the second code ends unpaid: its own close closes the order
    await expect(two.waiting).rejects.toBeDefined();
    await w.fee.settling;
    await w.later[0]!.send();
    expect(w.simulator.state.payments.get(one.paymentId)!.status).toBe('closed');
    const outcomes = (await w.settled()).map((s) => [s.attempt, s.outcome]);
    expect(outcomes).toEqual([
      [2, 'closed'],
      [1, 'handedBack'],
    ]);
    // a late try of the first close, once more, settles nothing again
    await settleQrOrder(w.journal, w.issuance, w.tx, {
      attempt: 1,
      applicationNo: w.application.applicationNo,
      paymentId: one.paymentId,
    });
    expect(await w.settled()).toHaveLength(2);
  });
});
