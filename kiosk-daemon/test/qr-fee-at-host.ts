/**
 * What the QR-fee e2e specs share: the host simulator as its own process behind a fault relay
 * (it can hold the kiosk's payment polls), a replacement driven up to the QR code on screen, the
 * host's order and application read back, the resident's payment made at the host, and the fee
 * steps read from the journal file.
 */
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { DEMO_ISSUER_KEY } from '@kiosk/device-drivers';
import { DEMO_RESIDENTS } from '@kiosk/domain';
import { eventually } from '@kiosk/domain/testing';
import { startDaemon, startHostProcess, type DaemonProcess, type HostProcess } from './daemon-process.js';
import { FaultRelay } from './host-fault-relay.js';
import { UiClient } from './ui-client.js';

export const zhang = DEMO_RESIDENTS.find((r) => r.key === 'zhang')!;
export const KIOSK_ID = 'JZ-9001';
export const KIOSK_KEY = 'test-kiosk-key-JZ-9001-not-secret';

export interface Order {
  paymentId: string;
  status: string;
  applicationNo: string;
  expiresAt: string;
}

export interface FeeHost {
  readonly host: HostProcess;
  readonly relay: FaultRelay;
  /** the daemon's arguments to use the host through the relay with this kiosk's key */
  readonly daemonArgs: (hostTimeoutMs: number) => string[];
  order(paymentId: string): Promise<Order>;
  /** the resident pays the order with their phone (the host's demo payment route) */
  pay(paymentId: string): Promise<{ status: number; body: { code?: string; status?: string } }>;
  application(
    applicationNo: string,
  ): Promise<{ applicationNo: string; status: string; feePaidBy: string | null } | undefined>;
  stop(): Promise<void>;
}

/** The host simulator process with the demo issuer key, and the relay in front of it. */
export async function startFeeHost(): Promise<FeeHost> {
  const host = await startHostProcess({
    kiosks: { [KIOSK_ID]: KIOSK_KEY },
    issuerMasterKey: DEMO_ISSUER_KEY.toString('hex'),
  });
  const relay = new FaultRelay(host.url);
  await relay.start();
  const atHost = () => host.as(KIOSK_ID, KIOSK_KEY);
  return {
    host,
    relay,
    daemonArgs: (hostTimeoutMs) => [
      ...['--set', 'host.mode=external', '--set', `host.url=${relay.url}`],
      ...['--set', `host.kioskKey=${KIOSK_KEY}`, '--set', `host.timeoutMs=${hostTimeoutMs}`],
    ],
    order: (paymentId) => atHost().request<Order>('GET', `/v1/payments/${paymentId}`),
    pay: (paymentId) =>
      fetch(new URL(`/v1/demo/payments/${paymentId}/pay`, host.url), {
        method: 'POST',
        headers: {
          'x-kiosk-id': KIOSK_ID,
          authorization: `Bearer ${KIOSK_KEY}`,
          'content-type': 'application/json',
        },
        body: '{}',
      }).then(async (res) => ({
        status: res.status,
        body: (await res.json()) as { code?: string; status?: string },
      })),
    async application(applicationNo) {
      const resident = await atHost().request<{
        applications: { applicationNo: string; status: string; feePaidBy: string | null }[];
      }>('POST', '/v1/residents/lookup', { idNumber: zhang.idNumber });
      return resident.applications.find((a) => a.applicationNo === applicationNo);
    },
    async stop() {
      await relay.stop();
      await host.stop();
    },
  };
}

/** The fee host, a daemon on it (its host timeout 5 s) and a UI client connected to the daemon. */
export interface FeeKiosk {
  readonly fees: FeeHost;
  readonly daemon: DaemonProcess;
  readonly ui: UiClient;
  /** closes the client, stops the daemon, then the host */
  stop(): Promise<void>;
}

/**
 * The fee host (`startFeeHost`) and a daemon in `dir` on it, started with `args` besides the host's,
 * a UI client connected; what started is stopped again when a later part fails.
 */
export async function startFeeKiosk(args: string[], dir: string): Promise<FeeKiosk> {
  const fees = await startFeeHost();
  let daemon: DaemonProcess | undefined;
  let ui: UiClient | undefined;
  const stop = async () => {
    ui?.close();
    if (daemon) await daemon.stop();
    await fees.stop();
  };
  try {
    daemon = await startDaemon([...args, ...fees.daemonArgs(5000)], { dir });
    ui = new UiClient(daemon.url);
    await ui.connected();
    return { fees, daemon, ui, stop };
  } catch (e) {
    await stop();
    throw e;
  }
}

/** The host's order once its status is no longer `from` (within `withinMs`, 15 s unless told). */
export function settledOrder(
  fees: FeeHost,
  paymentId: string,
  from: string,
  withinMs = 15_000,
): Promise<Order> {
  return eventually(() => fees.order(paymentId), `the fee order no longer ${from} at the host`, {
    withinMs,
    everyMs: 250,
    until: (order) => order.status !== from,
  });
}

/**
 * The steps journaled for the fee order (`stepsFromOrder`) once its settlement is among them
 * (within `withinMs`).
 */
export function settledFeeSteps(
  dir: string,
  paymentId: string,
  { feeOnly = false, withinMs }: { feeOnly?: boolean; withinMs: number },
): Promise<string[]> {
  return eventually(() => stepsFromOrder(dir, paymentId, feeOnly), 'the fee settlement journaled', {
    withinMs,
    everyMs: 250,
    until: (steps) => steps.includes('fee.settled:event'),
  });
}

/** A replacement for zhang up to the QR code on screen; answers the host's order shown. */
export async function qrOnScreen(client: UiClient, fees: FeeHost): Promise<Order> {
  await client.waitForKiosk((k) => k.journeysOffered.includes('replaceCard'), 15_000);
  expect(await client.emit('session.start', { journey: 'replaceCard' })).toEqual({ ok: true });
  await client.waitForSession((v) => v?.step === 'placeIdCard');
  await client.emit('demo.idCard', { action: 'place', idCardId: zhang.key });
  await client.waitForSession((v) => v?.step === 'payFee' || v?.step === 'ended', 30_000);
  expect(await client.emit('session.payFee', { method: 'qr' })).toEqual({ ok: true });
  const view = await client.waitForSession((v) => v?.payment !== undefined, 15_000);
  const paymentId = /order\/(QR\d{8})/.exec(view!.payment!.qrContent)![1]!;
  return fees.order(paymentId);
}

/**
 * The steps journaled in a payment order's transaction from its `fee.order` on (`step:phase`),
 * only the `fee.*` ones when `feeOnly`.
 */
export function stepsFromOrder(dir: string, paymentId: string, feeOnly = false): string[] {
  const db = new Database(join(dir, 'journal.sqlite'), { readonly: true });
  try {
    const first = db
      .prepare(`SELECT transactionId, seq FROM journal_step WHERE step = 'fee.order' AND detail LIKE ?`)
      .get(`%${paymentId}%`) as { transactionId: string; seq: number };
    const rows = db
      .prepare(
        `SELECT step, phase FROM journal_step WHERE transactionId = ? AND seq >= ?${feeOnly ? ` AND step LIKE 'fee.%'` : ''} ORDER BY seq`,
      )
      .all(first.transactionId, first.seq) as { step: string; phase: string }[];
    return rows.map((r) => `${r.step}:${r.phase}`);
  } finally {
    db.close();
  }
}
