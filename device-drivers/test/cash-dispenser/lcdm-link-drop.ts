/**
 * The LCDM link dropping and coming back: on the pseudo-terminal rig the dispenser unplugged from
 * its side (the host hears nothing, the heartbeat reads it offline), or the line hung up and
 * plugged in again (a USB-serial adapter reset, the driver reopening it); changed meanwhile; and
 * the driver's belief at the first status it pushes that reads online.
 */
import { ErrorCode, type DeviceStatus } from '@kiosk/domain';
import type { PresenterContents } from '../../src/cash-dispenser/cash-dispenser.port.js';
import { LcdmCommand } from '../../src/cash-dispenser/cash-dispenser.protocol.js';
import {
  LcdmCashDispenser,
  LcdmCashDispenserEmulator,
  LcdmEmulatorControls,
  openLcdmSerialPort,
  startLcdmOverPseudoTerminal,
  type LcdmOverPseudoTerminal,
} from '../../src/cash-dispenser/lcdm-serial-road.js';
import { replugLine, type ReplugLine } from '../common/replug-line.js';
import { SOON_MS, statusWithin } from '../common/status-where.js';
import { RIG_CASSETTES, RIG_TIMINGS, SILENT_ACK_MS, YUAN } from './lcdm-rig.js';

export interface SeenOnline {
  readonly status: DeviceStatus;
  readonly presenter: PresenterContents;
}

/** The driver's belief at the first status it pushes that reads online. */
export function firstOnline(driver: LcdmCashDispenser): Promise<SeenOnline> {
  return new Promise((resolve) => {
    const stop = driver.onStatus((status) => {
      if (status.device !== 'online') return;
      stop();
      resolve({ status, presenter: driver.presenter() });
    });
  });
}

/**
 * The link drops (the heartbeat reads it offline); `whileDown` changes the mechanism, `onBack`
 * runs as it is plugged in again, before any byte of it is heard. Comes back with no reopen.
 */
export async function dropAndComeBack(
  r: LcdmOverPseudoTerminal,
  controls: LcdmEmulatorControls,
  whileDown: () => void,
  onBack: () => void = () => undefined,
): Promise<SeenOnline> {
  const offline = statusWithin(r.driver, (s) => s.device === 'offline', SOON_MS + 3 * SILENT_ACK_MS);
  controls.setFault('offline');
  expect((await offline).device).toBe('offline');
  whileDown();
  const reopens = r.emulator.commandsTaken(LcdmCommand.ROM_VERSION);
  const back = firstOnline(r.driver);
  controls.setFault(null);
  onBack();
  const seen = await back;
  expect(r.emulator.commandsTaken(LcdmCommand.ROM_VERSION)).toBe(reopens); // no reopen
  return seen;
}

/**
 * Starts the rig whose dispenser falls silent on purpose (each STATUS costs three short ACK waits;
 * the heartbeat, every 20 ms, brings it back), with its controls; closed after each test.
 */
export function silentRigs(): () => Promise<{ r: LcdmOverPseudoTerminal; controls: LcdmEmulatorControls }> {
  let rig: LcdmOverPseudoTerminal | undefined;
  afterEach(async () => {
    await rig?.close();
    rig = undefined;
  });
  return async () => {
    rig = await startLcdmOverPseudoTerminal({
      driver: { cassettes: RIG_CASSETTES, ...RIG_TIMINGS, ackTimeoutMs: SILENT_ACK_MS, heartbeatMs: 20 },
    });
    return { r: rig, controls: new LcdmEmulatorControls(rig, { upper: 100 * YUAN, lower: 50 * YUAN }) };
  };
}

export interface ReplugRig {
  readonly emulator: LcdmCashDispenserEmulator;
  readonly line: ReplugLine;
  readonly driver: LcdmCashDispenser;
}

/** Opens a driver on a line that can be hung up and plugged in again; closed after each test. */
export function replugRigs(): () => Promise<ReplugRig> {
  let line: ReplugLine | undefined;
  let driver: LcdmCashDispenser | undefined;
  afterEach(async () => {
    await driver?.close();
    driver = undefined;
    await line?.close();
    line = undefined;
  });
  return async () => {
    const emulator = new LcdmCashDispenserEmulator();
    const plugged = await replugLine(
      { openDeviceEnd: openLcdmSerialPort, openHostEnd: openLcdmSerialPort },
      emulator,
    );
    line = plugged;
    driver = new LcdmCashDispenser(await plugged.openHostEnd(), {
      cassettes: RIG_CASSETTES,
      ...RIG_TIMINGS,
      reconnectMs: 20,
      reopen: () => plugged.openHostEnd(),
    });
    await driver.open();
    return { emulator, line: plugged, driver };
  };
}

/** The line hangs up (the driver reads DEVICE_OFFLINE), `whileDown`, plugged in again: the first online. */
export async function hangUpAndPlugIn(rig: ReplugRig, whileDown: () => void): Promise<SeenOnline> {
  const offline = statusWithin(rig.driver, (s) => s.device === 'offline', SOON_MS);
  await rig.line.hangUp();
  expect((await offline).fault?.code).toBe(ErrorCode.DEVICE_OFFLINE);
  whileDown();
  const back = firstOnline(rig.driver);
  await rig.line.plugIn();
  return back;
}
