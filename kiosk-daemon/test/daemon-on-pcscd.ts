/**
 * The daemon with its card readers on the real PC/SC stack, for the specs that drive it: pcscd (a
 * child of the test, its vpcd slots on free ports) started before the describe's first test, the
 * daemon pointed at its virtual readers, a UI connection; after the last test the daemon stopped
 * (exit code 0) and pcscd with it. Where the stack is missing the describe is left out; with
 * CI=true it fails instead (CI installs pcscd, vpcd and the pcsclite binding).
 */
import { missingPcscStack, PcscdProcess } from '@kiosk/device-drivers';
import type { DaemonForSuite } from './daemon-for-suite.js';
import { startDaemon, type DaemonProcess } from './daemon-process.js';
import { UiClient } from './ui-client.js';

/** The suite's pcscd, daemon and UI connection, readable from the suite's `beforeAll` on. */
export interface DaemonOnPcscd extends DaemonForSuite {
  readonly pcscd: PcscdProcess;
}

export interface DaemonOnPcscdOptions {
  /** how long to wait for pcscd's machine-wide lock (other PC/SC suites hold it in turn) */
  readonly lockTimeoutMs: number;
  /** configuration on top of the PC/SC card reader's (`--set` pairs) */
  readonly args?: readonly string[];
}

/** `describe`, or left out (failing under CI=true) where pcscd, vpcd or the binding is missing. */
export function describeWithPcscd(title: string, body: () => void): void {
  const missing = missingPcscStack();
  if (missing && process.env.CI === 'true') {
    describe(`${title}: the PC/SC stack in CI`, () => {
      it('has pcscd, vpcd and the pcsclite binding', () => {
        throw new Error(`CI runs this suite on PC/SC but ${missing}.`);
      });
    });
  }
  (missing ? describe.skip : describe)(title, body);
}

export function describeOnPcscd(
  title: string,
  options: DaemonOnPcscdOptions,
  body: (suite: DaemonOnPcscd) => void,
): void {
  describeWithPcscd(title, () => {
    let pcscd: PcscdProcess | undefined;
    let daemon: DaemonProcess | undefined;
    let ui: UiClient | undefined;

    beforeAll(async () => {
      // pcscd is machine-wide: suites that need it take turns, so this one may wait for others
      pcscd = await PcscdProcess.start({ lockTimeoutMs: options.lockTimeoutMs });
      daemon = await startDaemon([
        '--set',
        'demo.panel=true',
        '--set',
        'devices.cardReader.driver=pcsc',
        '--set',
        `devices.cardReader.vpcdPort=${pcscd.basePort}`,
        ...(options.args ?? []),
      ]);
      ui = new UiClient(daemon.url);
      await ui.connected();
    }, options.lockTimeoutMs + 60_000);

    afterAll(async () => {
      ui?.close();
      const code = await daemon?.stop();
      await pcscd?.stop();
      expect(code).toBe(0);
    }, 30_000);

    const started = <T>(value: T | undefined): T => {
      if (value === undefined) throw new Error('the PC/SC suite has not started (its beforeAll failed)');
      return value;
    };
    body({
      get pcscd() {
        return started(pcscd);
      },
      get daemon() {
        return started(daemon);
      },
      get ui() {
        return started(ui);
      },
    });
  });
}
