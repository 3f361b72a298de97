/**
 * Fault: a driver reopening a hung-up line took another rig's line. The kernel numbers a new
 * pseudo terminal with the lowest number free, whatever process makes it; the replug line freed
 * its hung-up pair's numbers at once, so while the driver kept trying the path it had, the next
 * pair made (by another spec or another Jest worker) could get that very path: the driver's
 * reopen opened it and locked it, that rig's own open failed "Cannot lock port", and the driver
 * sat on a line that was not its own (a whole run met both). Now a hung-up pair keeps its numbers
 * until the line is closed (`PtyPair.hangUp`): its path is missing, as a port unplugged is, and
 * the next pair gets other ones.
 */
import { eventually } from '@kiosk/domain/testing';
import type { Duplex } from 'node:stream';
import {
  LcdmCashDispenser,
  LcdmCashDispenserEmulator,
  openLcdmSerialPort,
} from '../../src/cash-dispenser/lcdm-serial-road.js';
import { closeSerialStream } from '../../src/common/close-serial-stream.js';
import { createPtyPair, type PtyPair } from '../../src/common/pseudo-terminal-pair.js';
import { RIG_CASSETTES, RIG_TIMINGS } from '../cash-dispenser/lcdm-rig.js';
import { replugLine, type ReplugLine } from './replug-line.js';
import { SOON_MS, statusWithin } from './status-where.js';

describe('fault: a driver reopening a hung-up line takes the next pair made', () => {
  let line: ReplugLine | undefined;
  let driver: LcdmCashDispenser | undefined;
  let other: PtyPair | undefined;
  const otherEnds: Duplex[] = [];
  afterEach(async () => {
    await driver?.close();
    driver = undefined;
    await line?.close();
    line = undefined;
    for (const end of otherEnds.splice(0)) await closeSerialStream(end);
    await other?.close();
    other = undefined;
  });

  it("the next pair made while the driver tries the hung-up path gets other paths, opens, and the driver's tries find nothing", async () => {
    line = await replugLine(
      { openDeviceEnd: openLcdmSerialPort, openHostEnd: openLcdmSerialPort },
      new LcdmCashDispenserEmulator(),
    );
    const plugged = line;
    const goneHostPath = plugged.current.hostPath;
    let tries = 0;
    const reopen = () => {
      tries += 1;
      return plugged.openHostEnd();
    };
    driver = new LcdmCashDispenser(await plugged.openHostEnd(), {
      cassettes: RIG_CASSETTES,
      ...RIG_TIMINGS,
      reconnectMs: 20,
      maxReconnectMs: 20,
      reopen,
    });
    await driver.open();
    const offline = statusWithin(driver, (s) => s.device === 'offline', SOON_MS);
    await plugged.hangUp();
    expect((await offline).device).toBe('offline');
    // a try made: the driver has let go of its end of the line, as it does when the line is lost
    await eventually(() => tries, 'a reopen tried', { withinMs: SOON_MS, everyMs: 5, until: (n) => n >= 1 });

    other = await createPtyPair(); // another rig's line, as any spec or worker makes one
    expect([other.hostPath, other.devicePath]).not.toContain(goneHostPath);
    const triesBefore = tries;
    await eventually(() => tries, 'reopens tried after the other pair was made', {
      withinMs: SOON_MS,
      everyMs: 5,
      until: (n) => n >= triesBefore + 3,
    });
    for (const path of [other.hostPath, other.devicePath]) otherEnds.push(await openLcdmSerialPort(path));
    expect(driver.status().device).toBe('offline');
  });
});
