/**
 * The daemon booted on the real PC/SC stack while its card reader is not there yet: pcscd (a child
 * of the test, vpcd's slots on free ports) is started, then put as the spec says, killed (pcscd
 * down, as before a late service start) or restarted without its readers (a USB reader not
 * enumerated yet), and only then the daemon started with its card reader on PC/SC, vpcd's port
 * set (the emulated mechanism, vpcd's cards). `pcscd.restart()` brings the readers later.
 * Where the stack is missing the describe is left out; with CI=true it fails instead.
 */
import { PcscdProcess } from '@kiosk/device-drivers';
import type { KioskView } from '@kiosk/domain';
import { startDaemon, type DaemonProcess } from './daemon-process.js';
import { UiClient } from './ui-client.js';

export type ReaderAbsence = 'pcscdDown' | 'noReader';

/** What a boot started so far, filled as it goes (the `afterAll` stops whatever is there). */
export interface BootWithoutReader {
  pcscd?: PcscdProcess;
  daemon?: DaemonProcess;
  ui?: UiClient;
}

/** The PC/SC suites take pcscd in turn: this long for the machine-wide lock. */
export const PCSCD_LOCK_TIMEOUT_MS = 420_000;

// the describe left out where the stack is missing (failing under CI=true), as every PC/SC suite's
export { describeWithPcscd } from './daemon-on-pcscd.js';

/**
 * Starts pcscd, takes its reader away as `absence` says, then the daemon (its ready line within
 * `readyTimeoutMs`), the context's retries made short (`devices.reopen`), and a UI connection.
 */
export async function bootWithoutReader(
  rig: BootWithoutReader,
  absence: ReaderAbsence,
  args: readonly string[],
  readyTimeoutMs: number,
): Promise<Required<BootWithoutReader>> {
  const pcscd = (rig.pcscd = await PcscdProcess.start({ lockTimeoutMs: PCSCD_LOCK_TIMEOUT_MS }));
  if (absence === 'pcscdDown') await pcscd.kill();
  else await pcscd.restart({ readers: false });
  const daemon = (rig.daemon = await startDaemon(
    [
      '--set',
      'demo.panel=true',
      '--set',
      'devices.cardReader.driver=pcsc',
      '--set',
      `devices.cardReader.vpcdPort=${pcscd.basePort}`,
      '--set',
      'devices.reopen.firstIntervalMs=200',
      '--set',
      'devices.reopen.maxIntervalMs=1000',
      ...args,
    ],
    { readyTimeoutMs },
  ));
  const ui = (rig.ui = new UiClient(daemon.url));
  await ui.connected();
  return { pcscd, daemon, ui };
}

/** Stops what `bootWithoutReader` started; the daemon's exit code. */
export async function stopBoot(rig: BootWithoutReader): Promise<number | null | undefined> {
  rig.ui?.close();
  const code = await rig.daemon?.stop();
  await rig.pcscd?.stop();
  return code;
}

export const readerState = (k: KioskView) => k.devices.find((d) => d.kind === 'cardReader')?.device;
