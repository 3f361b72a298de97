/**
 * The journal answers a fleet command delivered again on either of its stores (ADR 0027): the read
 * by the command's id (its transaction by session id and journey, oldest first, then its steps)
 * runs on a SQLite file and on PostgreSQL (a fresh database per test, opened again at each start of
 * the kiosk). A command run and answered, one a restart cut after its act: each delivered again
 * after the restart, answered as journaled, never run again. The daemon's receiver and fleet
 * commands service (`fleet-command-kiosk.spec-support`).
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import type { DataSourceOptions } from 'typeorm';
import { eventually } from '@kiosk/domain/testing';
import { command, commandKiosk } from '../src/telemetry/fleet/fleet-command-kiosk.spec-support.js';
import { journalStores, type JournalStore } from './journal-stores.js';

describe.each(journalStores('fleet-command-answered-from-either-journal'))('on %s', (_, makeStore) => {
  let store: JournalStore;
  let options: DataSourceOptions | undefined;
  beforeAll(() => {
    store = makeStore();
  });
  afterAll(() => store.close(), 30_000);
  beforeEach(async () => {
    options = await store.fresh();
  });
  const kiosk = commandKiosk(() => options!);

  it('an out of service run and a restart cut after its act, delivered again after the restart: answered as journaled, neither run again', async () => {
    const first = await kiosk.start();
    const hold = command('outOfService');
    expect(await first.receive(hold)).toMatchObject({ firstTime: true, ack: { result: 'done' } });
    first.cut('outcome');
    const restart = command('restart');
    void first.receive(restart);
    await eventually(() => first.cutWrites.length > 0, 'the restart checked, its outcome cut', {
      withinMs: 10_000,
    });
    await first.powerCut();

    const next = await kiosk.start();
    expect(await next.receive(hold)).toMatchObject({ firstTime: false, ack: { result: 'done' } });
    expect(await next.receive(restart)).toMatchObject({
      firstTime: false,
      ack: { result: 'rejected', code: 'TELEMETRY_COMMAND_STATE_UNKNOWN' },
    });
    // the hold once (and applied again by the start from its file), no restart asked
    expect(kiosk.done).toMatchObject({
      holds: ['REMOTE_OUT_OF_SERVICE', 'REMOTE_OUT_OF_SERVICE'],
      restarts: 0,
    });
  });
});
