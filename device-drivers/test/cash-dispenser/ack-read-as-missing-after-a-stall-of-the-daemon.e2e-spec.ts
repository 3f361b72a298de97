/**
 * The fault: the daemon's own event loop stalls (a garbage collection, a starved CPU) while the
 * dispenser answers on time. Its bytes wait in the line, but the loop runs its due timers before it
 * reads, so the ACK or answer window's timer fired first: the driver counted a missed ACK and sent
 * the command again, or read the dispenser silent (DEVICE_TIMEOUT: the kiosk drops cash withdrawal
 * from its menu), with the answer already there. A deadline that fires late now lets the line read
 * what came before it concludes (`lineDeadline`). The stall is played at the worst instant: the
 * whole process blocked right after the emulator's bytes are written into the pseudo terminal.
 */
import type { Duplex } from 'node:stream';
import { ErrorCode, type DeviceStatus } from '@kiosk/domain';
import { ACK, LcdmCommand } from '../../src/cash-dispenser/cash-dispenser.protocol.js';
import {
  startLcdmOverPseudoTerminal,
  type LcdmOverPseudoTerminal,
} from '../../src/cash-dispenser/lcdm-serial-road.js';
import { PAID_350_YUAN } from '../../src/cash-dispenser/paid-350-yuan.spec-support.js';
import { RIG_CASSETTES, RIG_TIMINGS, YUAN } from './lcdm-rig.js';
import { stallTheProcess } from '../../src/common/stall-the-process.spec-support.js';

const ACK_MS = 500;
/** the dispense's answer time */
const ANSWER_MS = 1_500;
const COUNT_MS_PER_NOTE = 150;
/** how far past its window the stall runs on */
const PAST_MS = 300;
const { PRESENTER_STATUS, STATUS, UPPER_LOWER_DISPENSE } = LcdmCommand;

type Write = (chunk: Uint8Array, done?: (error?: Error | null) => void) => boolean;

/** The next write of the device that `which` takes stalls the process once it is in the line. */
function stallAfterDeviceWrite(deviceEnd: Duplex, which: (bytes: Uint8Array) => boolean, ms: number): void {
  const write = deviceEnd.write.bind(deviceEnd) as Write;
  let armed = true;
  const stalling: Write = (chunk, done) => {
    if (!armed || !which(chunk)) return write(chunk, done);
    armed = false;
    return write(chunk, (error) => {
      stallTheProcess(ms);
      done?.(error);
    });
  };
  Object.assign(deviceEnd, { write: stalling });
}

describe('fault: ACK or answer read as missing after a stall of the daemon', () => {
  let rig: LcdmOverPseudoTerminal;
  let faults: (string | undefined)[];
  beforeEach(async () => {
    rig = await startLcdmOverPseudoTerminal({
      driver: {
        cassettes: RIG_CASSETTES,
        ...RIG_TIMINGS,
        ackTimeoutMs: ACK_MS,
        dispenseTimeoutMs: ANSWER_MS,
      },
      // the notes counted after the ACK is read: the answer alone is in the line at the stall
      emulator: { msPerNote: COUNT_MS_PER_NOTE },
    });
    faults = [];
    rig.driver.onStatus((status: DeviceStatus) => faults.push(status.fault?.code));
  });
  afterEach(async () => {
    await rig.close();
  });

  it('the ACK in the line when a stall outlasts the ACK window is taken: the STATUS is sent once and the dispenser stays online', async () => {
    const before = rig.emulator.commandsTaken(STATUS);
    stallAfterDeviceWrite(rig.deviceEnd, (bytes) => bytes.length === 1 && bytes[0] === ACK, ACK_MS + PAST_MS);
    await expect(rig.driver.selfTest()).resolves.toMatchObject({ device: 'online' });
    expect(rig.emulator.commandsTaken(STATUS) - before).toBe(1);
    expect(faults).not.toContain(ErrorCode.DEVICE_TIMEOUT);
  });

  it("the dispense's answer in the line when a stall outlasts its answer time is taken: read as the answer, not as lost (no presenter read to recover it)", async () => {
    const presenterReads = rig.emulator.commandsTaken(PRESENTER_STATUS);
    stallAfterDeviceWrite(
      rig.deviceEnd,
      (bytes) => bytes.length > 3 && bytes[3] === UPPER_LOWER_DISPENSE,
      ANSWER_MS + PAST_MS,
    );
    await expect(rig.driver.dispense(350 * YUAN)).resolves.toEqual(PAID_350_YUAN);
    expect(faults).not.toContain(ErrorCode.DEVICE_TIMEOUT);
    expect(rig.driver.status().fault).toBeUndefined();
    expect(rig.emulator.commandsTaken(PRESENTER_STATUS) - presenterReads).toBe(0);
    expect(rig.emulator.commandsTaken(UPPER_LOWER_DISPENSE)).toBe(1);
  });
});
