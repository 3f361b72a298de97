/**
 * The QR fee's code is never shown past its order's own expiry (ADR 0015), against the real host
 * simulator (embedded, over HTTP) whose clock runs ten minutes ahead of the kiosk's. Both clocks
 * are the spec's and stand still unless it moves them, so a slow host call is the spec moving both
 * while the call is under way. The kiosk's fee wait as the journey runs it (`waitForQrFee`, the
 * journal on SQLite in memory, `qr-fee.spec-support.ts`); the spec plays the journey's part: it
 * hears `orderOpened` and ends the step when the machine would.
 */
import { afterEach, describe, expect, it } from '@jest/globals';
import { loadConfig } from '@kiosk/config';
import { ErrorCode, demoResident } from '@kiosk/domain';
import { eventually } from '@kiosk/domain/testing';
import { createHostSimulator, type HostSimulator } from '@kiosk/host-simulator';
import type { QrPaymentView } from '@kiosk/host-simulator/contract';
import { HostConnection } from '../host/host-connection.js';
import { IssuanceHostService } from '../host/issuance-host.service.js';
import { MetricsService } from '../telemetry/metrics.service.js';
import { waitForQrFee } from './qr-fee.js';
import { qrFeeWorld } from './qr-fee.spec-support.js';

const zhang = demoResident('zhang')!;
/** the host's clock is this far ahead of the kiosk's */
const HOST_AHEAD_MS = 10 * 60_000;
/** what the kiosk asks (the world's `timeouts.feePaymentMs`), under the host's 5-minute cap */
const FEE_WAIT_MS = 90_000;

const cleanups: (() => Promise<unknown> | unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function setup() {
  const clock = { kiosk: Date.parse('2026-11-27T02:00:00.000Z') };
  const config = loadConfig({ profile: 'test' });
  const simulator: HostSimulator = createHostSimulator({
    kioskKeys: { [config.kiosk.id]: config.host.kioskKey },
    residents: 0,
    now: () => new Date(clock.kiosk + HOST_AHEAD_MS),
  });
  const { url } = await simulator.listen(0, '127.0.0.1');
  cleanups.push(() => simulator.close());
  const connection = new HostConnection(
    loadConfig({ profile: 'test', overrides: ['host.mode=external', `host.url=${url}`] }),
  );
  await connection.onModuleInit();
  cleanups.push(() => connection.onApplicationShutdown());
  const issuance = new IssuanceHostService(connection, new MetricsService());
  const w = await qrFeeWorld(issuance);
  cleanups.push(() => w.db.destroy());
  const application = await issuance.requestReplacement(zhang.cardNumber, zhang.idNumber, w.tx);
  /** every order the fee screen was given to draw (null: taken off) */
  const drawn: (QrPaymentView | null)[] = [];
  issuance.onPendingQr(() => drawn.push(issuance.pendingQrOrder));
  const deps = { ...w.deps, now: () => clock.kiosk };
  /** the order's expiry as the kiosk reported it to the journey, on the kiosk's clock */
  const reported: number[] = [];
  const input = {
    applicationId: application.applicationNo,
    amountFen: 2000,
    orderOpened: ({ payableForMs }: { payableForMs: number }) => reported.push(clock.kiosk + payableForMs),
  };
  /** the next call of `name` takes `ms` on both clocks before its answer reaches the kiosk */
  const slow = (name: 'startQrPayment' | 'payment', ms: number) => {
    const real = issuance[name].bind(issuance) as (...args: unknown[]) => Promise<QrPaymentView>;
    let once = true;
    (issuance as unknown as Record<string, unknown>)[name] = async (...args: unknown[]) => {
      const answer = await real(...args);
      if (once) clock.kiosk += ms;
      once = false;
      return answer;
    };
  };
  const steps = async (name: string) => (await w.journal.stepsOf(w.tx)).filter((s) => s.step === name);
  const orderAtHost = (paymentId: string) => simulator.qrProvider.status(paymentId);
  /** the host's `expiresAt` read on the kiosk's clock (what the spec knows, the kiosk never reads) */
  const onKioskClock = (order: QrPaymentView) => Date.parse(order.expiresAt) - HOST_AHEAD_MS;
  return {
    ...w,
    clock,
    simulator,
    issuance,
    deps,
    input,
    reported,
    drawn,
    slow,
    steps,
    orderAtHost,
    onKioskClock,
  };
}

type World = Awaited<ReturnType<typeof setup>>;

async function untilReported(w: World): Promise<void> {
  await eventually(() => w.reported.length, "the code's end reported", { withinMs: 2_000 });
  expect(w.reported).toHaveLength(1);
}

describe('the QR fee code ends at its order’s expiry (the host simulator, its clock ten minutes ahead)', () => {
  it('a slow creation: the code’s deadline equals the order’s expiry as the host gave it, not the step’s start plus the wait', async () => {
    const w = await setup();
    const started = w.clock.kiosk;
    w.slow('startQrPayment', 20_000); // the host made the order at once; its answer took 20 s
    const step = new AbortController();
    const waiting = waitForQrFee(w.deps, w.tools, w.fee, w.input, step.signal);
    await untilReported(w);
    const shown = w.drawn.find((o) => o !== null)!;
    const atHost = w.orderAtHost(shown.paymentId);
    expect(w.reported[0]).toBe(Date.parse(atHost.expiresAt) - HOST_AHEAD_MS);
    expect(w.reported[0]).toBe(started + FEE_WAIT_MS);
    // the code is drawn only once the journey knows the order's expiry
    expect(w.drawn.filter((o) => o !== null)).toHaveLength(1);
    step.abort(); // the journey leaves the step: the order is closed
    await expect(waiting).rejects.toBeDefined();
    await w.fee.settling;
  });

  it.each([
    ['its creation', 'startQrPayment'],
    ['its first status read', 'payment'],
  ] as const)(
    'fault: the host answers %s after the order expired: its code is never drawn, FEE_NOT_PAID, the order settled',
    async (_, call) => {
      const w = await setup();
      w.slow(call, FEE_WAIT_MS + 5_000);
      await expect(
        waitForQrFee(w.deps, w.tools, w.fee, w.input, new AbortController().signal),
      ).rejects.toMatchObject({ code: ErrorCode.FEE_NOT_PAID });
      expect(w.drawn.filter((o) => o !== null)).toEqual([]);
      // a report reaching the journey says there is no time left: it never shows the code either
      for (const until of w.reported) expect(until).toBeLessThanOrEqual(w.clock.kiosk);
      await w.fee.settling;
      const settled = await w.steps('fee.settled');
      expect(settled).toHaveLength(1);
      expect(JSON.parse(settled[0]!.detail!)).toMatchObject({ attempt: 1, outcome: 'expired' });
    },
  );

  it('fault: paid at the last moment, the host confirms after the screen’s deadline: the code leaves at the expiry, the fee refunded exactly once, no card', async () => {
    const w = await setup();
    // the kiosk hears of a payment only after the expiry: every status read goes through this from
    // the first (one in flight as the resident pays must not hear it before the expiry either)
    let expiry: number | undefined = undefined;
    const poll = w.issuance.payment.bind(w.issuance);
    w.issuance.payment = async (id, signal) => {
      const answer = await poll(id, signal);
      if (answer.status === 'paid' && expiry !== undefined)
        w.clock.kiosk = Math.max(w.clock.kiosk, expiry + 1);
      return answer;
    };
    const step = new AbortController();
    const waiting = waitForQrFee(w.deps, w.tools, w.fee, w.input, step.signal);
    await untilReported(w);
    expiry = w.reported[0]!;
    const paymentId = w.drawn.find((o) => o !== null)!.paymentId;
    // the resident pays one millisecond before the order expires: the host takes it
    w.clock.kiosk = expiry - 1;
    expect(w.simulator.qrProvider.pay(paymentId).status).toBe('paid');
    await expect(waiting).rejects.toMatchObject({ code: ErrorCode.FEE_NOT_PAID });
    expect(w.issuance.pendingQrOrder).toBeNull();
    expect(w.fee.paidOrder).toBeUndefined();
    await w.fee.settling;
    expect(w.orderAtHost(paymentId).status).toBe('refunded');
    const application = w.simulator.state.applications.get(w.input.applicationId);
    expect(application).toMatchObject({ status: 'awaitingFee', feePaidBy: null });
    expect((await w.steps('fee.refund')).map((s) => s.phase)).toEqual(['intent', 'done']);
    const settled = await w.steps('fee.settled');
    expect(settled.map((s) => JSON.parse(s.detail!) as unknown)).toEqual([
      { attempt: 1, paymentId, outcome: 'refunded' },
    ]);
  });
});
