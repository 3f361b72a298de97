/**
 * The daemon most journey specs share across their tests: started with the demo panel before the
 * first test of the describe that calls this, with a UI connection to it; after the last, the
 * connection closed and the daemon stopped by PID, which must exit with code 0.
 */
import { existsSync } from 'node:fs';
import { startDaemon, type DaemonProcess, type StartOptions } from './daemon-process.js';
import { UiClient } from './ui-client.js';

/** The suite's daemon and UI connection, readable from the suite's `beforeAll` on. */
export interface DaemonForSuite {
  readonly daemon: DaemonProcess;
  readonly ui: UiClient;
}

export interface SuiteDaemonOptions extends StartOptions {
  /** runs once the daemon has stopped, to remove what its arguments pointed at */
  readonly afterStop?: () => void;
}

/**
 * Registers the start and the stop in the calling describe; `args` (or what the function gives
 * when the suite starts) go after `demo.panel=true`. An `entry` that is not built fails the suite
 * saying how to build it.
 */
export function daemonForSuite(
  args: readonly string[] | (() => readonly string[]) = [],
  options: SuiteDaemonOptions = {},
): DaemonForSuite {
  let daemon: DaemonProcess | undefined;
  let ui: UiClient | undefined;

  beforeAll(async () => {
    if (options.entry !== undefined && !existsSync(options.entry)) {
      throw new Error(
        `no ${options.entry}: run \`npm run build\` (it builds dist/main.js and the bundle, dist/bundle/main.js)`,
      );
    }
    const { afterStop: _afterStop, ...start } = options;
    const extra = typeof args === 'function' ? args() : args;
    daemon = await startDaemon(['--set', 'demo.panel=true', ...extra], start);
    ui = new UiClient(daemon.url);
    await ui.connected();
  }, 60_000); // the daemon may take its 45 s to be ready

  afterAll(async () => {
    ui?.close();
    const code = await daemon?.stop();
    options.afterStop?.();
    expect(code).toBe(0);
  }, 30_000); // the daemon's stop is killed after 10 s: its own message, not Jest's timeout

  const started = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('the suite daemon has not started (its beforeAll failed)');
    return value;
  };
  return {
    get daemon() {
      return started(daemon);
    },
    get ui() {
      return started(ui);
    },
  };
}
