/**
 * Fault: the far end of the ID reader's serial line hung up. The port read zero bytes in a loop
 * and the driver heard of it only at its next write; now it reports DEVICE_OFFLINE at once,
 * without a command, and with `reopen` it comes back online when the line does. The line hangs
 * up as a stray byte reaches the kiosk's end, where the stock binding misses it (replug-line.ts).
 */
import { ErrorCode } from '@kiosk/domain';
import { type Ga467IdReaderOptions } from '../../src/id-reader/index.js';
import { Ga467IdReader } from '../../src/id-reader/ga467-serial-road.js';
import { SOON_MS, statusWhere, statusWithin } from '../common/status-where.js';
import { ga467OnReplugLine, RIG_TIMINGS } from './ga467-rig.js';

// the rig's answer time, ample on a loaded machine: no timing here decides a hang-up
const options: Ga467IdReaderOptions = { answerTimeoutMs: RIG_TIMINGS.answerTimeoutMs, cardPollMs: 0 };

describe('fault: far end of the ID reader line hung up', () => {
  const world = ga467OnReplugLine();

  it('reports the reader offline with DEVICE_OFFLINE at once, without card polling', async () => {
    const { line } = world;
    const reader = (world.reader = new Ga467IdReader(await line.openHostEnd(), options));
    await reader.open();
    expect(reader.status().device).toBe('online');

    const offline = statusWithin(reader, (s) => s.device === 'offline', SOON_MS);
    await line.hangUp(); // the reader is sent nothing after this
    expect(await offline).toMatchObject({ device: 'offline', fault: { code: ErrorCode.DEVICE_OFFLINE } });
  });

  it('reconnects and comes back online when the line comes back', async () => {
    const plugged = world.line;
    const reader = (world.reader = new Ga467IdReader(await plugged.openHostEnd(), {
      ...options,
      reconnectMs: 20,
      reopen: () => plugged.openHostEnd(),
    }));
    await reader.open();

    const offline = statusWithin(reader, (s) => s.device === 'offline', SOON_MS);
    await plugged.hangUp(); // unplugged: reopening the old path now fails, and is tried again
    expect(await offline).toMatchObject({ device: 'offline', fault: { code: ErrorCode.DEVICE_OFFLINE } });

    const online = statusWhere(reader, (s) => s.device === 'online');
    await plugged.plugIn();
    expect((await online).fault).toBeUndefined();
    world.emulator.placeCard('li');
    await expect(reader.readIdCard()).resolves.toMatchObject({ idNumber: expect.any(String) });
  });
});
