/**
 * What every browser spec starts with: the real daemon with the demo panel, Debian's Chromium and
 * one kiosk page on the daemon's UI; and what each ends with: the browser closed, the daemon
 * stopped by PID with exit code 0.
 */
import type { Browser } from 'playwright-core';
import { launchChromiumWhile } from '../../fleet-monitor/src/testing/test-chromium.js';
import { startDaemon, type DaemonProcess, type StartOptions } from './daemon-process.js';
import { KioskPage } from './kiosk-page.js';
import { UiClient } from './ui-client.js';

export interface DaemonWithUi {
  readonly daemon: DaemonProcess;
  readonly browser: Browser;
  readonly kiosk: KioskPage;
  /** closes the browser and stops the daemon; resolves with the daemon's exit code */
  stop(): Promise<number | null>;
}

/**
 * Starts the daemon with `demo.panel=true` and `args`, a browser and its page (both opened
 * meanwhile), the page (screenshots named `<prefix>-…`) then on the home screen. A failure
 * half-way leaves nothing running.
 */
export async function daemonWithUi(
  args: readonly string[],
  prefix: string,
  options: StartOptions = {},
): Promise<DaemonWithUi> {
  const {
    started: daemon,
    browser,
    prepared: page,
  } = await launchChromiumWhile(
    () => startDaemon(['--set', 'demo.panel=true', ...args], options),
    (d) => d.stop(),
    KioskPage.newPage,
  );
  try {
    const kiosk = await KioskPage.open(page, daemon.url, prefix);
    return {
      daemon,
      browser,
      kiosk,
      async stop() {
        await browser.close();
        return daemon.stop();
      },
    };
  } catch (e) {
    await browser.close();
    await daemon.stop();
    throw e;
  }
}

/**
 * The calling describe's daemon and browser (`daemonWithUi`, with `args`) and a UI connection to
 * the daemon, readable from the describe's `beforeAll` on; after the last test the connection is
 * closed, then the browser, and the daemon stopped, which must exit with code 0.
 */
export function daemonWithUiForSuite(
  args: readonly string[],
  prefix: string,
): { readonly ui: DaemonWithUi; readonly client: UiClient } {
  let ui: DaemonWithUi | undefined;
  let client: UiClient | undefined;
  beforeAll(async () => {
    ui = await daemonWithUi(args, prefix);
    client = new UiClient(ui.daemon.url);
    await client.connected();
  }, 90_000);
  afterAll(async () => {
    client?.close();
    expect(await ui?.stop()).toBe(0);
  }, 30_000);
  const started = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error(`the suite's daemon is not started (its beforeAll failed)`);
    return value;
  };
  return {
    get ui() {
      return started(ui);
    },
    get client() {
      return started(client);
    },
  };
}

export interface KioskPageSuiteOptions {
  /** take the page back to the home screen after each test (the default) */
  readonly recoverAfterEach?: boolean;
  /** runs after the browser closed and the daemon stopped (a back office the suite started) */
  readonly afterStop?: () => Promise<void>;
}

/**
 * The kiosk page of the calling describe, on a daemon and a browser of its own (`daemonWithUi`):
 * opened before the first test (with `args`, or what the function gives then), taken back to the
 * home screen after each (a test that failed half-way leaves the next one a clean start), closed
 * after the last with the daemon's exit code 0. It stands for the page `beforeAll` opens: use it
 * in tests and hooks, not while describing.
 */
export function kioskPageForSuite(
  args: readonly string[] | (() => Promise<readonly string[]>),
  prefix: string,
  options: KioskPageSuiteOptions = {},
): KioskPage {
  let started: DaemonWithUi | undefined;
  beforeAll(async () => {
    started = await daemonWithUi(typeof args === 'function' ? await args() : args, prefix);
  }, 90_000);
  if (options.recoverAfterEach !== false) {
    afterEach(async () => {
      await started?.kiosk.recover();
    }, 90_000);
  }
  afterAll(async () => {
    const code = await started?.stop();
    await options.afterStop?.();
    expect(code).toBe(0);
  }, 30_000); // the browser closed, then the daemon's stop (killed after 10 s) and what the suite started
  return new Proxy({} as KioskPage, {
    get(_target, property) {
      if (!started)
        throw new Error(`the suite's kiosk page is not open (its beforeAll failed or has not run)`);
      const value: unknown = Reflect.get(started.kiosk, property);
      return typeof value === 'function'
        ? (value as (...a: unknown[]) => unknown).bind(started.kiosk)
        : value;
    },
  });
}
