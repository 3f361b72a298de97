/**
 * The LCDM link dropping and coming back on the pseudo-terminal rig: the dispenser unplugged from
 * its side (the host hears nothing, the heartbeat reads it offline), changed meanwhile, plugged in
 * again, and the driver's belief at the first status it pushes that reads online.
 */
import type { DeviceStatus } from '@kiosk/domain';
import type { PresenterContents } from '../../src/cash-dispenser/cash-dispenser.port.js';
import { LcdmCommand } from '../../src/cash-dispenser/cash-dispenser.protocol.js';
import type {
  LcdmCashDispenser,
  LcdmEmulatorControls,
  LcdmOverPseudoTerminal,
} from '../../src/cash-dispenser/lcdm-serial-road.js';
import { SOON_MS, statusWithin } from '../common/status-where.js';
import { SILENT_ACK_MS } from './lcdm-rig.js';

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
