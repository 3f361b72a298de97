/**
 * Fault: the ID reader's line is back but its module does not answer at once (the cable plugged
 * back in, the module still powering up). The one open on the line's return failed; the self test
 * the daemon then runs (ADR 0020: its reopen, or field staff's) found the reader answering and read
 * it online, but its card polling, stopped when the line went, never started again: a card placed
 * was never seen. Now a lost line leaves the reader not opened, and its self test opens it again.
 */
import { ErrorCode } from '@kiosk/domain';
import { type Ga467IdReaderOptions, type IdCardEvent } from '../../src/id-reader/index.js';
import { Ga467IdReader } from '../../src/id-reader/ga467-serial-road.js';
import { SOON_MS, statusWithin } from '../common/status-where.js';
import { ga467OnReplugLine, RIG_TIMINGS } from './ga467-rig.js';

const options: Ga467IdReaderOptions = {
  ...RIG_TIMINGS,
  attempts: 1, // a silent open costs one answer time
  cardPollMs: 50,
  reconnectMs: 20,
};

describe('fault: the ID reader is silent when its line comes back', () => {
  const world = ga467OnReplugLine();

  it('ID reader silent when its line is back comes back on its self test, polling for cards again', async () => {
    const plugged = world.line;
    const reader = (world.reader = new Ga467IdReader(await plugged.openHostEnd(), {
      ...options,
      reopen: () => plugged.openHostEnd(),
    }));
    await reader.open();
    const offline = statusWithin(reader, (s) => s.device === 'offline', SOON_MS);
    await plugged.hangUp();
    expect(await offline).toMatchObject({ fault: { code: ErrorCode.DEVICE_OFFLINE } });

    world.emulator.setFault({ kind: 'noAnswer' }); // powering up: the line is there, the module silent
    const silent = statusWithin(reader, (s) => s.fault?.code === ErrorCode.DEVICE_TIMEOUT, 10_000);
    await plugged.plugIn();
    // the open on the line's return met the silence
    expect(await silent).toMatchObject({ device: 'offline' });

    world.emulator.setFault(null);
    await expect(reader.selfTest()).resolves.toMatchObject({ device: 'online' });
    const placed = new Promise<IdCardEvent>((resolve) => reader.onCardEvent(resolve));
    world.emulator.placeCard('li');
    // the self test's open looked at the empty pad: a card placed after it is a placement seen
    await expect(placed).resolves.toEqual({ type: 'placed' });
  });
});
