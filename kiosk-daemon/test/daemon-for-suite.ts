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

/**
 * Registers the start and the stop in the calling describe; `args` go after `demo.panel=true`. An
 * `entry` that is not built fails the suite saying how to build it.
 */
export function daemonForSuite(args: readonly string[] = [], options: StartOptions = {}): DaemonForSuite {
  let daemon: DaemonProcess | undefined;
  let ui: UiClient | undefined;

  beforeAll(async () => {
    if (options.entry !== undefined && !existsSync(options.entry)) {
      throw new Error(
        `no ${options.entry}: run \`npm run build\` (it builds dist/main.js and the bundle, dist/bundle/main.js)`,
      );
    }
    daemon = await startDaemon(['--set', 'demo.panel=true', ...args], options);
    ui = new UiClient(daemon.url);
    await ui.connected();
  }, 30_000);

  afterAll(async () => {
    ui?.close();
    expect(await daemon?.stop()).toBe(0);
  });

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
