/**
 * The kiosk's side of `last-will-stored-after-the-next-online-on-another-monitor` (fleet-monitor):
 * two monitors sharing the database each store a kiosk's statuses side by side, so the slower may
 * store the last will of a connection that dropped after the status of the kiosk's next connection,
 * and the kiosk read offline while connected. The publisher numbers its connections
 * (`connectionSeq`, `ConnectionCount`, kept in `fleet-connections.json`, a fresh count from the
 * clock's milliseconds): its will and its online status on a connection carry that connection's
 * number, a reconnect the next, a restart goes on from the file. The real publisher through a TCP link the spec cuts (`openTcpGate`: the broker
 * fires the will) to the monitor's embedded broker and store; the will replayed after the next
 * status, as the slower monitor would store it, is kept out. Its heartbeats carry the connection
 * too (`heartbeat-of-an-earlier-connection-after-a-later-will`): one of a connection whose will is
 * stored, handed over late, leaves the kiosk offline.
 */
import { afterEach, describe, expect, it, jest } from '@jest/globals';
import { once } from 'node:events';
import { join } from 'node:path';
import { eventually } from '@kiosk/domain/testing';
import { openTcpGate } from '@kiosk/fleet-monitor';
import { IN_SERVICE } from './clock-stepped-back.spec-support.js';
import { publisherFleet, started } from './publisher-fleet.spec-support.js';

const world = publisherFleet({ k1: 'secret-1' }, 'kiosk-connections-');

let closeLink: (() => Promise<void>) | undefined;
afterEach(async () => {
  await closeLink?.();
  closeLink = undefined;
});

interface StatusTaken {
  connection: 'online' | 'offline';
  cause?: string;
  connectionSeq?: number;
}

/** every status and heartbeat the monitor's ingest takes, as it came (the ingest runs on) */
function statusesTaken(): {
  seen: StatusTaken[];
  beats: { connectionSeq?: number }[];
  replay: (body: object, channel?: 'status' | 'heartbeat') => Promise<void>;
} {
  const ingest = world.fleet.ingest;
  const accept = ingest.accept.bind(ingest);
  const seen: StatusTaken[] = [];
  const beats: { connectionSeq?: number }[] = [];
  jest.spyOn(ingest, 'accept').mockImplementation((topic, payload) => {
    const body = JSON.parse(payload.toString('utf8')) as StatusTaken;
    if (topic === 'kiosk/k1/status') seen.push(body);
    if (topic === 'kiosk/k1/heartbeat') beats.push(body);
    return accept(topic, payload);
  });
  return {
    seen,
    beats,
    replay: (body, channel = 'status') => accept(`kiosk/k1/${channel}`, Buffer.from(JSON.stringify(body))),
  };
}

/** the number of the connection whose online status is stored, once one is (`connectionSeq`: that one) */
const storedOnline = async (connectionSeq?: number): Promise<number> => {
  const row = await eventually(
    () => world.fleet.store.kiosk('k1'),
    `the status of connection ${connectionSeq} stored`,
    {
      withinMs: 10_000,
      until: (row) =>
        row?.connection === 'online' &&
        row.status?.connectionSeq !== undefined &&
        (connectionSeq === undefined || row.status.connectionSeq === connectionSeq),
    },
  );
  return row!.status!.connectionSeq!;
};

describe('last-will-numbered-with-its-connection', () => {
  it("the will and the status of a connection carry its number, the next connection the next; the dropped one's will replayed after it is kept out", async () => {
    // a link the spec cuts, as a network that drops (the broker fires the will); open again at once
    const link = await openTcpGate(world.fleet.mqttAddress!.port);
    closeLink = () => link.close();
    const { seen, replay } = statusesTaken();
    const kiosk = await started(
      world.publisher({ url: link.url, connectionsFile: join(world.dir, 'fleet-connections.json') }),
    );
    kiosk.publishStatus(IN_SERVICE);
    const first = await storedOnline();

    const back = once(kiosk, 'connected');
    link.shut();
    link.open = true;
    const will = (await eventually(() => seen.find((status) => status.connection === 'offline'), 'the will', {
      withinMs: 10_000,
    }))!;
    expect(will).toMatchObject({ cause: 'lastWill', connectionSeq: first });
    await back;
    await storedOnline(first + 1);

    await replay(will);
    expect(await world.fleet.store.kiosk('k1')).toMatchObject({ connection: 'online' });
    expect((await world.fleet.store.activeAlerts()).map((alert) => alert.key)).toEqual([]);
  });

  it('heartbeat-of-an-earlier-connection-after-a-later-will: a heartbeat carries the connection it is sent on; one of the dropped connection handed over after its will leaves the kiosk offline', async () => {
    const link = await openTcpGate(world.fleet.mqttAddress!.port);
    closeLink = () => link.close();
    const { beats, replay } = statusesTaken();
    // its tries while the link is shut wait at most 200 ms each: back within the wait below on a loaded machine
    const kiosk = await started(world.publisher({ url: link.url, maxReconnectPeriodMs: 200 }));
    kiosk.publishStatus(IN_SERVICE);
    const first = await storedOnline();
    // the heartbeat sent as the connection came up
    const beat = await eventually(() => beats.find((b) => b.connectionSeq === first), 'its heartbeat', {
      withinMs: 10_000,
    });
    link.shut(); // the broker fires the will, the kiosk tries again meanwhile
    await eventually(() => world.fleet.store.kiosk('k1'), 'the will stored', {
      withinMs: 10_000,
      until: (row) => row?.connection === 'offline',
    });
    await replay(beat!, 'heartbeat');
    expect(await world.fleet.store.kiosk('k1')).toMatchObject({ connection: 'offline' });
    expect((await world.fleet.store.activeAlerts()).map((alert) => alert.key)).toEqual(['offline']);
    link.open = true;
    const back = await storedOnline();
    expect(back).toBeGreaterThan(first);
    await eventually(() => beats.some((b) => b.connectionSeq === back), 'a heartbeat of the new connection', {
      withinMs: 10_000,
    });
  });

  it('a restart goes on counting from the file; the clean stop carries the connection it ends', async () => {
    const { seen } = statusesTaken();
    const connectionsFile = join(world.dir, 'fleet-connections.json');
    const first = await started(world.publisher({ connectionsFile }));
    first.publishStatus(IN_SERVICE);
    const number = await storedOnline();
    await first.stop();
    await eventually(() => seen.find((status) => status.connection === 'offline'), 'the clean stop', {
      withinMs: 10_000,
    });
    expect(seen.find((status) => status.connection === 'offline')).toMatchObject({
      cause: 'shutdown',
      connectionSeq: number,
    });
    const second = await started(world.publisher({ connectionsFile }));
    second.publishStatus(IN_SERVICE);
    await storedOnline(number + 1);
  });

  it("without a file (an in-memory journal) a start counts from its clock's milliseconds", async () => {
    const kiosk = await started(world.publisher({ now: () => new Date('2026-11-29T21:00:00.000Z') }));
    kiosk.publishStatus(IN_SERVICE);
    await storedOnline(Date.parse('2026-11-29T21:00:00.000Z'));
  });
});
