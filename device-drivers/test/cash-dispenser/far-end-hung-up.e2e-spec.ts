/**
 * Fault: the far end of the serial line hung up (the pseudo terminal's other side closed, a USB
 * serial adapter pulled, the dispenser's power cut). A hung-up port reads zero bytes, and the
 * stock `serialport` binding read again at once, in a loop, so the driver learnt nothing until
 * its next write failed. Now the end of file closes the port at once: the driver reports
 * DEVICE_OFFLINE without sending anything, and with `reopen` it comes back online when the line
 * does.
 *
 * When the hang-up comes matters: it comes as a stray byte reaches the kiosk's end of the line,
 * where the stock binding misses it (see replug-line.ts). The LCDM host always has the last word
 * of a transaction (its ACK of the answer), so an idle dispenser line hung up otherwise finds its
 * read waiting on the poller, which the stock binding does notice.
 */
import { ErrorCode } from '@kiosk/domain';
import { type LcdmCashDispenserOptions } from '../../src/cash-dispenser/index.js';
import {
  LcdmCashDispenser,
  LcdmCashDispenserEmulator,
  openLcdmSerialPort,
} from '../../src/cash-dispenser/lcdm-serial-road.js';
import { replugLine, type ReplugLine } from '../common/replug-line.js';
import { SOON_MS, statusWhere, statusWithin } from '../common/status-where.js';
import { RIG_CASSETTES, RIG_TIMINGS, YUAN } from './lcdm-rig.js';

const options: LcdmCashDispenserOptions = {
  cassettes: RIG_CASSETTES,
  // the rig's, ample on a loaded machine: no timing here decides a hang-up
  ackTimeoutMs: RIG_TIMINGS.ackTimeoutMs,
  responseTimeoutMs: RIG_TIMINGS.responseTimeoutMs,
  heartbeatMs: 0, // nothing is sent to find out: the hang-up alone must take the line down
};

describe('fault: far end of the serial line hung up', () => {
  let emulator: LcdmCashDispenserEmulator;
  let line: ReplugLine | undefined;
  let driver: LcdmCashDispenser | undefined;
  beforeEach(async () => {
    emulator = new LcdmCashDispenserEmulator();
    line = await replugLine({ openDeviceEnd: openLcdmSerialPort, openHostEnd: openLcdmSerialPort }, emulator);
  });
  afterEach(async () => {
    await driver?.close();
    driver = undefined;
    await line?.close();
    line = undefined;
  });

  /** The driver on the line, reopening the line plugged in now after a hang-up. */
  const openDriver = async (more: Partial<LcdmCashDispenserOptions> = {}): Promise<LcdmCashDispenser> => {
    const plugged = line!;
    driver = new LcdmCashDispenser(await plugged.openHostEnd(), {
      ...options,
      reconnectMs: 20,
      reopen: () => plugged.openHostEnd(),
      ...more,
    });
    await driver.open();
    return driver;
  };

  /** The line hangs up as a stray byte reaches the driver; resolves with the status soon after. */
  const hangUp = async (device: LcdmCashDispenser) => {
    const offline = statusWithin(device, (s) => s.device === 'offline', SOON_MS);
    await line!.hangUp();
    return offline;
  };

  it('a stray byte, then the hang-up: the dispenser offline with DEVICE_OFFLINE at once, without a command or heartbeat', async () => {
    const dispenser = await openDriver({ reopen: undefined });
    expect(dispenser.status().device).toBe('online');

    const status = await hangUp(dispenser); // the driver sends nothing after this
    expect(status).toMatchObject({ device: 'offline', fault: { code: ErrorCode.DEVICE_OFFLINE } });
    await expect(dispenser.dispense(100 * YUAN)).rejects.toMatchObject({ code: ErrorCode.DEVICE_OFFLINE });
  });

  it('reconnects and comes back online when the line comes back', async () => {
    const dispenser = await openDriver();

    const offline = await hangUp(dispenser); // unplugged: reopening the old path now fails, and is tried again
    expect(offline).toMatchObject({ device: 'offline', fault: { code: ErrorCode.DEVICE_OFFLINE } });

    const online = statusWhere(dispenser, (s) => s.device === 'online');
    await line!.plugIn();
    expect((await online).fault).toBeUndefined();
    const result = await dispenser.dispense(100 * YUAN);
    expect(result).toMatchObject({ result: 'dispensed', amountFen: 100 * YUAN });
  });

  // taken while the line is down reads as drawn in by the presenter would: gone unseen, never
  // taken (notes-at-slot-while-link-down); taken once it is back is a take seen
  it.each([
    ['while the line is down: reported gone unseen, not taken', true],
    ['once it is back: the take is reported', false],
  ])('notes waiting at the slot as the line hangs up, taken %s', async (_when, whileDown) => {
    const dispenser = await openDriver({ takenPollMs: 20 });
    await dispenser.dispense(100 * YUAN);
    await dispenser.present();
    const taken: number[] = [];
    const unseen: number[] = [];
    dispenser.onCashTaken((e) => taken.push(e.amountFen));
    dispenser.onCashGoneUnseen((e) => unseen.push(e.amountFen));

    await hangUp(dispenser);
    if (whileDown) expect(emulator.takeCash()).toBe(true);
    const online = statusWhere(dispenser, (s) => s.device === 'online');
    await line!.plugIn();
    await online;
    if (!whileDown) expect(emulator.takeCash()).toBe(true);

    const empty = await statusWithin(dispenser, () => dispenser.presenter().state === 'empty', SOON_MS);
    expect(empty.device).toBe('online');
    expect(dispenser.presenter().state).toBe('empty');
    expect(taken).toEqual(whileDown ? [] : [100 * YUAN]);
    expect(unseen).toEqual(whileDown ? [100 * YUAN] : []);
  });
});
