/**
 * Fault: the count of the kiosk's connections (`fleet-connections.json`, ADR 0011) lost, by a new
 * disk or the file deleted: the count started over at 1, while the monitors keep the highest number
 * of the kiosk's last offline (its will or clean stop) and of its online status, and refuse an online
 * status not above the first and a will below the second. The kiosk, back and connected, had its
 * online statuses refused (the dashboard kept its mode and devices of before) and its wills kept out
 * until its count caught up with the one lost. A fresh count now starts from the clock's
 * milliseconds; a count kept in the file is never moved by the clock (and the monitor orders by the
 * count only within a run: `online-stored-after-its-connections-will-on-another-monitor`, for a file
 * lost with a clock behind). The real publisher on the monitor's embedded broker and store for the
 * kiosk back after the loss; the count alone for the clock's part.
 */
import { describe, expect, it } from '@jest/globals';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { eventually } from '@kiosk/domain/testing';
import { IN_SERVICE } from './clock-stepped-back.spec-support.js';
import { ConnectionCount } from './connection-count.js';
import { publisherFleet, started } from './publisher-fleet.spec-support.js';

const world = publisherFleet({ k1: 'secret-1' }, 'kiosk-connections-lost-');

/** the kiosk's row once its online status on a connection above `above` is stored */
const storedOnlineAbove = (above: number) =>
  eventually(() => world.fleet.store.kiosk('k1'), `an online status numbered above ${above} stored`, {
    withinMs: 10_000,
    until: (row) => row?.connection === 'online' && (row.status?.connectionSeq ?? 0) > above,
  });

const clockAt = (iso: string) => () => new Date(iso);

describe('connection-count-file-lost', () => {
  it('connection-count-file-lost: the kiosk back after its count file was deleted has its online status stored and its clean stop taken', async () => {
    const connectionsFile = join(world.dir, 'fleet-connections.json');
    const before = await started(world.publisher({ connectionsFile }));
    before.publishStatus(IN_SERVICE);
    const stored = await storedOnlineAbove(0);
    const lost = stored!.status!.connectionSeq!;
    await before.stop(); // its clean stop's offline status: the monitor keeps its number
    await eventually(() => world.fleet.store.kiosk('k1'), 'the clean stop stored', {
      withinMs: 10_000,
      until: (row) => row?.connection === 'offline',
    });

    rmSync(connectionsFile);
    const after = await started(world.publisher({ connectionsFile }));
    after.publishStatus(IN_SERVICE);
    await storedOnlineAbove(lost);
    await after.stop();
    await eventually(() => world.fleet.store.kiosk('k1'), "the new connection's clean stop taken", {
      withinMs: 10_000,
      until: (row) => row?.connection === 'offline',
    });
  });

  it('a fresh count starts from the clock; a count kept in the file rises by one, whatever the clock says', () => {
    const file = join(world.dir, 'fleet-connections.json');
    const fresh = new ConnectionCount(file, clockAt('2026-11-29T21:00:00.000Z'));
    expect(fresh.next()).toBe(Date.parse('2026-11-29T21:00:00.000Z'));
    expect(fresh.next()).toBe(Date.parse('2026-11-29T21:00:00.000Z') + 1);
    // the clock stepped back an hour (NTP after running fast), then forward a year: the file decides
    const stepped = new ConnectionCount(file, clockAt('2026-11-29T20:00:00.000Z'));
    expect(stepped.next()).toBe(Date.parse('2026-11-29T21:00:00.000Z') + 2);
    expect(new ConnectionCount(file, clockAt('2027-11-29T21:00:00.000Z')).next()).toBe(
      Date.parse('2026-11-29T21:00:00.000Z') + 3,
    );
  });

  it('an unreadable file starts a fresh count from the clock; a clock that reads nothing from 1', () => {
    const file = join(world.dir, 'fleet-connections.json');
    writeFileSync(file, '{"connections": "a torn write');
    expect(new ConnectionCount(file, clockAt('2026-11-29T21:00:00.000Z')).next()).toBe(
      Date.parse('2026-11-29T21:00:00.000Z'),
    );
    expect(new ConnectionCount(undefined, () => new Date(Number.NaN)).next()).toBe(1);
  });
});
