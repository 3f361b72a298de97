/**
 * The kiosk daemon's entry point:
 *   node kiosk-daemon/dist/main.js [--profile demo|test|production] [--config file.yaml] [--set key.path=value]...
 * Loads and validates the configuration (a bad file stops boot with the file, the key path and
 * the reason, exit code 78), starts the Nest app on the loopback address, serves the touch UI,
 * and prints one JSON line {"event":"ready","url":...} when the kiosk answers. Exit codes: 0 after
 * SIGTERM/SIGINT, 75 after a restart asked for by the fleet (the supervisor starts it again), 78
 * for a configuration error, 1 for a failed boot or a shutdown that hung. A signal during boot stops
 * the daemon the same way once its start has settled, within the same bound (past it 1); one that
 * comes while the program loads and reads its configuration stops it before anything is opened:
 * one line said, exit code 0 (a bad configuration still 78).
 */
import 'reflect-metadata';
// first of the program's own modules: its listeners hold a signal while the rest load (stop-signals.ts)
import { onStopSignal, stopAskedBeforeStart, type StopSignal } from './stop-signals.js';
// before any zod schema is built: no parser compiled at boot (zod-jitless.ts)
import './zod-jitless.js';
import { parseArgs } from 'node:util';
import { bootConfigOrExit } from '@kiosk/config';
import { KioskError } from '@kiosk/domain';
import { startKioskDaemon } from './kiosk-daemon.js';
import { createKioskLogger } from './logging/kiosk-logger.js';
import { SHUTDOWN_BOUND_MS } from './shutdown-bound.js';
import { EXIT_RESTART_REQUESTED } from './telemetry/fleet/daemon-restart.js';

const { values } = parseArgs({
  options: {
    profile: { type: 'string' },
    config: { type: 'string' },
    set: { type: 'string', multiple: true },
  },
  strict: true,
});

const config = bootConfigOrExit({
  ...(values.profile ? { profile: values.profile } : {}),
  ...(values.config ? { file: values.config } : {}),
  overrides: values.set ?? [],
});

const logger = createKioskLogger(config.log.level);
// A signal while the program loaded or read its configuration: nothing is opened yet, so nothing
// is started (no journal claimed or migrated, no device opened) and nothing needs closing.
const signalBeforeStart = await stopAskedBeforeStart();
if (signalBeforeStart) {
  logger.info({ signal: signalBeforeStart }, 'stopping before the start: nothing was opened');
  process.exit(0);
}

// The stop's handlers come before the start: a supervisor that signals on the ready line, or while
// the daemon boots (systemd stopping the unit as it starts), gets the graceful stop, never Node's
// default (the process killed by the signal, the journal and its claim left as a crash leaves them).
let stopping = false;
const stop = (signal: StopSignal | 'restart', exitCode = 0): void => {
  if (stopping) return;
  stopping = true;
  logger.info({ signal }, 'stopping: closing devices, sessions and the journal');
  // A device that hangs on close, or a boot that does not end, must not keep the kiosk from restarting.
  setTimeout(() => {
    process.stderr.write('kiosk-daemon: shutdown took too long; exiting\n');
    process.exit(1);
  }, SHUTDOWN_BOUND_MS).unref();
  // a stop asked for during boot lets the start settle first: nothing is closed under its opening
  void started.then(
    (daemon) =>
      daemon.close().then(
        () => process.exit(exitCode),
        (e: unknown) => {
          process.stderr.write(`kiosk-daemon: shutdown failed: ${KioskError.from(e).code}\n`);
          process.exit(1);
        },
      ),
    // a boot that failed is reported below, with its exit code
    () => undefined,
  );
};
onStopSignal((signal) => stop(signal));
const started = startKioskDaemon(config, logger);

try {
  const daemon = await started;
  // the fleet's restart command: close cleanly, then an exit code the supervisor restarts on
  daemon.onRestartRequested(() => stop('restart', EXIT_RESTART_REQUESTED));
  if (config.profile === 'demo' && !stopping) {
    process.stderr.write(`\nCard kiosk is running. Open ${daemon.url} in a browser (Ctrl+C stops it).\n\n`);
  }
} catch (e) {
  const error = KioskError.from(e);
  process.stderr.write(`kiosk-daemon: boot failed: ${error.code}: ${error.message}\n`);
  if (error.code === 'INTERNAL' && e instanceof Error) process.stderr.write(`  cause: ${e.message}\n`);
  process.exit(1);
}
