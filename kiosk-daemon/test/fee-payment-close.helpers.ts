/**
 * The world of fee-payment-close: the host simulator as its own process behind its fault relay,
 * started once for the suite, and the bundled daemon each case starts on the suite's folder with
 * the fee's short waits; the host's order, application and payments, the settlement journaled,
 * and the resident leaving the kiosk.
 */
import { afterAll, beforeAll } from '@jest/globals';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { startDaemon, type DaemonProcess } from './daemon-process.js';
import type { FaultRelay } from './host-fault-relay.js';
import { daemonStart } from './kill-harness-world.js';
import {
  qrOnScreen as qrOnScreenAt,
  settledFeeSteps,
  settledOrder as settledOrderAt,
  startFeeHost,
  type FeeHost,
  type Order,
} from './qr-fee-at-host.js';
import { UiClient } from './ui-client.js';

/**
 * how long the fee's code is payable (`timeouts.feePaymentMs`): the first case waits it out; every
 * other pays or cancels within milliseconds of the code (a pay after a SIGKILL included)
 */
export const FEE_WAIT_MS = 6_000;
/**
 * "need more time?" this long before the fee's deadline (`timeouts.stepMs` − `timeouts.warnMs`, the
 * profile's 10 s): under the fee's wait, which must be longer (the profile's check)
 */
export const FEE_WARN_BEFORE_MS = 4_000;
const STEP_MS = 30_000;
/**
 * the host must answer in every test but the swallowed close's, whose wait is this (the profile's
 * 5 s): the host process answers in milliseconds, its relay in this process
 */
export const HOST_TIMEOUT_MS = 2_500;
/** how long the host's order and the journal may take to show what the kiosk did off the session's path */
const SETTLE_MS = 30_000;

export function feeCloseWorld() {
  const dir = mkdtempSync(join(tmpdir(), 'kiosk-fee-close-'));
  let fees: FeeHost;
  let daemon: DaemonProcess | undefined;
  let ui: UiClient | undefined;

  beforeAll(async () => {
    fees = await startFeeHost();
  }, 30_000);

  afterAll(async () => {
    ui?.close();
    if (daemon) await daemon.stop('SIGKILL');
    await fees?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  async function start(...extra: string[]): Promise<UiClient> {
    daemon = await startDaemon(
      [
        ...extra,
        ...['--set', 'demo.panel=true', '--set', `timeouts.feePaymentMs=${FEE_WAIT_MS}`],
        ...[
          '--set',
          `timeouts.stepMs=${STEP_MS}`,
          '--set',
          `timeouts.warnMs=${STEP_MS - FEE_WARN_BEFORE_MS}`,
        ],
        // no test looks at the ended screen; each leaves through it (`leave`) in 1 s, not 5 s
        ...['--set', 'timeouts.endedViewMs=1000'],
        ...fees.daemonArgs(HOST_TIMEOUT_MS),
      ],
      // the bundled daemon: twelve starts in this suite, each ready on a quarter of the CPU
      daemonStart(dir),
    );
    ui = new UiClient(daemon.url);
    await ui.connected();
    return ui;
  }

  async function stopDaemon(signal?: NodeJS.Signals): Promise<void> {
    ui?.close();
    ui = undefined;
    await daemon?.stop(signal);
    daemon = undefined;
  }

  async function leave(client: UiClient): Promise<void> {
    await client.emit('demo.idCard', { action: 'remove' });
    await client.waitForSession(
      (v) => v === null || v.step === 'ended' || v.step === 'chooseJourney',
      20_000,
    );
    if ((await client.waitForSession(() => true))?.step === 'chooseJourney') {
      await client.emit('session.command', { command: 'finish' });
    }
    await client.waitForSession((v) => v === null, 20_000);
  }

  /** the journal's last replaceCard transaction: its status and outcome */
  function lastReplaceCard(): unknown {
    const db = new Database(join(dir, 'journal.sqlite'), { readonly: true });
    try {
      return db
        .prepare(
          `SELECT status, outcome FROM journal_transaction WHERE journey = 'replaceCard' ORDER BY serial DESC LIMIT 1`,
        )
        .get();
    } finally {
      db.close();
    }
  }

  return {
    /** the relay between the daemon and the host, its faults set by the cases */
    get relay(): FaultRelay {
      return fees.relay;
    },
    /** the daemon of the running case, if started */
    get daemon(): DaemonProcess | undefined {
      return daemon;
    },
    start,
    stopDaemon,
    leave,
    lastReplaceCard,
    qrOnScreen: (client: UiClient): Promise<Order> => qrOnScreenAt(client, fees),
    order: (paymentId: string) => fees.order(paymentId),
    pay: (paymentId: string) => fees.pay(paymentId),
    application: (applicationNo: string) => fees.application(applicationNo),
    /** the host's order once the kiosk's closing (off the session's path) has reached it */
    settledOrder: (paymentId: string, from = 'pending') => settledOrderAt(fees, paymentId, from, SETTLE_MS),
    /** the fee steps journaled from a payment order's `fee.order` on, once its settlement is among them */
    journaledSettlement: (paymentId: string) =>
      settledFeeSteps(dir, paymentId, { feeOnly: true, withinMs: SETTLE_MS }),
  };
}
