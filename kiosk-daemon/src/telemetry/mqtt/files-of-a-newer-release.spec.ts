/**
 * A kiosk rolled back to an older release (a field engineer reinstalls the previous version after a
 * bad upgrade) meets the files its newer release wrote: the telemetry queue, the replies kept for a
 * monitor and the operator's hold. Each is read as ADR 0018 reads a newer message: what this release
 * knows is kept, a field it does not know left out, an event it does not read sent on as it was. (The
 * commands run are answered from the journal, read open too: `fleet-command-record.spec`.) Through
 * the fleet monitor's embedded broker (in process, ephemeral port, in-memory store).
 */
import { describe, expect, it } from '@jest/globals';
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import type { Command } from '@kiosk/fleet-monitor/contract';
import { eventually } from '@kiosk/domain/testing';
import { OperatorHoldFile } from '../fleet/operator-hold-file.js';
import { publisherFleet } from './publisher-fleet.spec-support.js';

const world = publisherFleet({ k1: 'secret-1' }, 'newer-release-files-');
const { publisher } = world;

const envelope = (seq: number) => ({ id: randomUUID(), kioskId: 'k1', seq, at: new Date().toISOString() });

describe('files of a newer release after a rollback (ADR 0018)', () => {
  it('a telemetry queue written by a newer release is still sent after a rollback', async () => {
    const queueFile = join(world.dir, 'fleet-queue.json');
    const known = { ...envelope(7), type: 'anomaly', code: 'DOOR_OPENED' };
    const newField = {
      ...envelope(8),
      type: 'deviceFault',
      device: 'cardPrinter',
      code: 'CARD_PRINTER_JAM',
      slot: 2,
    };
    const newType = { ...envelope(9), type: 'coinJam', device: 'coinAcceptor', code: 'COIN_JAM' };
    writeFileSync(
      queueFile,
      JSON.stringify({ nextSeq: 10, dropped: 0, events: [known, newField, newType], compactedAt: 'x' }),
    );

    const kiosk = publisher({ queueFile });
    expect(kiosk.queued).toBe(3);
    expect(kiosk.queueSetAside).toBeUndefined();
    expect(readdirSync(world.dir)).toEqual(['fleet-queue.json']);
    kiosk.start();
    await eventually(async () => kiosk.queued === 0, 'the monitor acknowledges all three', {
      withinMs: 10_000,
    });
    const stored = await world.fleet.store.recentEvents('k1', 10);
    expect(stored.map((event) => event.id).sort()).toEqual([known.id, newField.id, newType.id].sort());
    // sent on as it was: the monitor read the newer event open
    expect(stored.find((event) => event.id === newType.id)).toMatchObject({ type: 'unknownType' });
    // nothing reported lost, and the sequence goes on from the file's
    expect(stored.some((event) => event.type === 'eventsDropped')).toBe(false);
    expect(kiosk.publishEvent({ type: 'faultCleared', device: 'cardPrinter' }).seq).toBe(10);
  });

  it('an event in the queue file without an id, time or type is counted as dropped, the others still sent', async () => {
    const queueFile = join(world.dir, 'fleet-queue.json');
    const known = { ...envelope(3), type: 'anomaly', code: 'DOOR_OPENED' };
    writeFileSync(
      queueFile,
      JSON.stringify({
        nextSeq: 5,
        dropped: 0,
        events: [{ ...envelope(4), id: 'x', type: 'coinJam' }, known],
      }),
    );
    const kiosk = publisher({ queueFile });
    expect(kiosk.queued).toBe(1);
    kiosk.start();
    await eventually(async () => kiosk.queued === 0, 'the monitor acknowledges the event kept', {
      withinMs: 10_000,
    });
    await eventually(
      async () =>
        (await world.fleet.store.recentEvents('k1', 10)).some((event) => event.type === 'eventsDropped'),
      'the drop is reported',
      { withinMs: 10_000 },
    );
    const stored = await world.fleet.store.recentEvents('k1', 10);
    expect(stored.find((event) => event.type === 'eventsDropped')).toMatchObject({ count: 1 });
    expect(stored.some((event) => event.id === known.id)).toBe(true);
  });

  it("an unanswered command's ack kept by a newer release is still sent after a rollback", async () => {
    const repliesFile = join(world.dir, 'fleet-replies.json');
    const command: Command = {
      id: randomUUID(),
      kioskId: 'k1',
      type: 'runSelfTest',
      issuedAt: new Date().toISOString(),
      issuedBy: 'zhang',
    };
    await world.fleet.store.saveCommand(command);
    const ack = {
      commandId: command.id,
      kioskId: 'k1',
      result: 'done',
      at: new Date().toISOString(),
      tookMs: 40,
    };
    const newerReply = { of: 'configReports', body: { commandId: randomUUID(), kioskId: 'k1' } };
    writeFileSync(repliesFile, JSON.stringify({ replies: [{ of: 'commandAcks', body: ack }, newerReply] }));

    publisher({ repliesFile }).start();
    await eventually(
      async () => (await world.fleet.store.commands('k1'))[0]?.result === 'done',
      'the kept ack reaches the monitor',
      { withinMs: 10_000 },
    );
  });

  it("an operator's hold written by a newer release keeps its reason after a rollback", () => {
    const hold = new OperatorHoldFile(join(world.dir, 'fleet-hold.json'));
    const at = new Date().toISOString();
    writeFileSync(
      join(world.dir, 'fleet-hold.json'),
      JSON.stringify({ reason: 'MAINTENANCE', commandId: 'c-1', at, until: at }),
    );
    expect(hold.read('REMOTE_OUT_OF_SERVICE')).toEqual({ reason: 'MAINTENANCE', commandId: 'c-1', at });
  });
});
