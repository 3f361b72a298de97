/**
 * Fault: a kept file found empty (the rename outlived a power cut, its data did not) or torn (half
 * written) when the daemon starts. Each reader takes it as missing and the daemon goes on, never a
 * crash: the connection count starts fresh from the clock (ADR 0011: above any number before), the
 * replies waiting start with none (the commands answered are the journal's, no file's:
 * commands-file-torn-command-delivered-again), the telemetry
 * queue's file is set aside and what it held counted as dropped (the fleet hears `eventsDropped`),
 * the operator's hold reads as a hold (the safe side). Real files on the disk, each reader in process.
 */
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { OperatorHoldFile } from '../fleet/operator-hold-file.js';
import { ConnectionCount } from './connection-count.js';
import { ReplyDelivery } from './reply-delivery.js';
import { TelemetryQueue } from './telemetry-queue.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'kept-file-torn-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const now = () => new Date('2026-11-29T10:00:00.000Z');
const found = { empty: '', torn: '{"connections":12,"acks":[{"commandId":"c-1","kio' };

describe.each(Object.entries(found))('kept-file-torn-after-power-cut: a kept file found %s', (_, text) => {
  const keep = (name: string) => {
    const file = join(dir, name);
    writeFileSync(file, text);
    return file;
  };

  it('the connection count starts fresh from the clock and is kept again', () => {
    const file = keep('fleet-connections.json');
    const count = new ConnectionCount(file, now);
    expect(count.next()).toBe(now().getTime());
    expect(new ConnectionCount(file, now).next()).toBe(now().getTime() + 1);
  });

  it('the replies waiting start with none', () => {
    const replies = new ReplyDelivery({
      kioskId: 'JZ-0001',
      client: () => undefined,
      ackTimeoutMs: 60_000,
      file: keep('fleet-replies.json'),
    });
    expect(replies.waiting).toBe(0);
  });

  it('the telemetry queue starts empty, the file set aside and counted as dropped', () => {
    const file = keep('fleet-queue.json');
    const queue = new TelemetryQueue(5, file);
    expect(queue.length).toBe(0);
    expect(queue.dropped).toBeGreaterThanOrEqual(1);
    expect(queue.setAside).toMatch(/fleet-queue\.json\.unreadable-\d+$/);
    expect(existsSync(file)).toBe(false);
  });

  it("the operator's hold reads as a hold with the fallback reason", () => {
    const hold = new OperatorHoldFile(keep('fleet-hold.json'));
    expect(hold.read('REMOTE_OUT_OF_SERVICE')).toMatchObject({ reason: 'REMOTE_OUT_OF_SERVICE' });
  });
});
