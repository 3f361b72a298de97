import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import type { TelemetryEvent } from '@kiosk/fleet-monitor/contract';
import { TelemetryQueue } from './telemetry-queue.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'telemetry-queue-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const event = (queue: TelemetryQueue): TelemetryEvent => ({
  id: randomUUID(),
  kioskId: 'k1',
  seq: queue.nextSeq(),
  at: new Date().toISOString(),
  type: 'anomaly',
  code: 'DOOR_OPENED',
});

describe('TelemetryQueue', () => {
  it('drops the oldest past its limit and counts the drops', () => {
    const queue = new TelemetryQueue(2);
    const [a, b, c] = [event(queue), event(queue), event(queue)];
    for (const e of [a, b, c]) queue.push(e);
    expect(queue.length).toBe(2);
    expect(queue.peek()).toBe(b);
    expect(queue.dropped).toBe(1);
    queue.settleDropped(1);
    expect(queue.dropped).toBe(0);
  });

  it('full, drops plain telemetry before a staff alert; an event whose id is queued is not queued twice', () => {
    const queue = new TelemetryQueue(2);
    const alert = event(queue);
    const outcome: TelemetryEvent = {
      ...event(queue),
      type: 'journeyOutcome',
      journey: 'balance',
      outcome: 'completed',
      durationMs: 1,
    };
    const later = event(queue);
    for (const e of [alert, outcome, later, alert]) queue.push(e);
    expect(queue.pending()).toEqual([alert, later]);
    expect(queue.dropped).toBe(1);
  });

  it('a queue file past a lowered limit: its plain events go first at the start', () => {
    const file = join(dir, 'queue.json');
    const before = new TelemetryQueue(3, file);
    const alert = event(before);
    before.push(alert);
    before.push({ ...event(before), type: 'faultCleared', device: 'cardPrinter' });
    before.push(event(before));
    const after = new TelemetryQueue(2, file);
    expect(after.pending().map((e) => e.type)).toEqual(['anomaly', 'anomaly']);
    expect(after.peek()?.id).toBe(alert.id);
    expect(after.dropped).toBe(1);
  });

  it('a self test alert like one waiting stands for it until the one waiting went to a broker (it may be stored, its alert resolved since)', () => {
    const queue = new TelemetryQueue(5);
    const failed = (): TelemetryEvent => ({
      ...event(queue),
      type: 'recoveryNeedsStaff',
      code: 'SELF_TEST_FAILED',
      cause: 'CARD_POSITION_UNKNOWN',
    });
    const first = queue.push(failed());
    expect(queue.push(failed())).toBe(first);
    queue.sending(first.id);
    const second = queue.push(failed());
    expect(second).not.toBe(first);
    expect(queue.push(failed())).toBe(second);
    expect(queue.pending()).toEqual([first, second]);
  });

  it('queue-file-unwritable-as-a-self-test-alert-goes: its mark is kept for this run and nothing is thrown into the delivery (an unhandled rejection would stop the daemon)', () => {
    const file = join(dir, 'queue.json');
    const queue = new TelemetryQueue(5, file);
    const timedOut = (): TelemetryEvent => ({
      ...event(queue),
      type: 'recoveryNeedsStaff',
      code: 'SELF_TEST_TIMEOUT',
    });
    const first = queue.push(timedOut());
    // the file's place taken by a directory that is not empty: no write can replace it
    rmSync(file);
    mkdirSync(file);
    writeFileSync(join(file, 'in-the-way'), '');
    expect(() => queue.sending(first.id)).not.toThrow();
    rmSync(file, { recursive: true });
    expect(queue.push(timedOut())).not.toBe(first);
    expect(queue.length).toBe(2);
  });

  it('kept alerts past their own bound: the oldest self test alert goes, then the oldest other, counted', () => {
    const queue = new TelemetryQueue(1, undefined, 2);
    const givenUp = (): TelemetryEvent => ({ ...event(queue), type: 'anomaly', code: 'HOST_ACT_ABANDONED' });
    const [a, b] = [givenUp(), givenUp()];
    const selfTest: TelemetryEvent = {
      ...event(queue),
      type: 'recoveryNeedsStaff',
      code: 'SELF_TEST_TIMEOUT',
    };
    for (const e of [a, selfTest, b]) queue.push(e);
    expect(queue.pending()).toEqual([a, b]);
    const c = givenUp();
    queue.push(c);
    expect(queue.pending()).toEqual([b, c]);
    expect(queue.dropped).toBe(2);
    expect(() => new TelemetryQueue(1, undefined, 0)).toThrow(RangeError);
  });

  it('removes only the events a monitor acknowledged, in whatever order the acks come', () => {
    const queue = new TelemetryQueue(5);
    const [first, second, third] = [event(queue), event(queue), event(queue)];
    for (const e of [first, second, third]) queue.push(e);
    expect(queue.acknowledge(randomUUID())).toBeUndefined();
    expect(queue.length).toBe(3);
    expect(queue.acknowledge(second.id)).toBe(second);
    expect(queue.pending()).toEqual([first, third]);
    expect(queue.acknowledge(second.id)).toBeUndefined(); // a repeated ack
    queue.acknowledge(first.id);
    queue.acknowledge(third.id);
    expect(queue.length).toBe(0);
  });

  it('keeps events, drop count and sequence in its file across a restart', () => {
    const file = join(dir, 'queue.json');
    const before = new TelemetryQueue(2, file);
    for (let i = 0; i < 3; i++) before.push(event(before));
    const after = new TelemetryQueue(2, file);
    expect(after.length).toBe(2);
    expect(after.dropped).toBe(1);
    expect(after.nextSeq()).toBe(3);
  });

  it('queue file corrupt: starts empty, sets the file aside and counts the events it held as dropped', () => {
    const file = join(dir, 'queue.json');
    const before = new TelemetryQueue(5, file);
    for (let i = 0; i < 3; i++) before.push(event(before));
    // a disk fault tears the file after its third event
    const text = readFileSync(file, 'utf8');
    writeFileSync(file, text.slice(0, text.length - 20));

    const after = new TelemetryQueue(5, file);
    expect(after.length).toBe(0);
    expect(after.dropped).toBe(3);
    expect(after.nextSeq()).toBeGreaterThan(3); // still rising across the restart
    expect(after.setAside).toMatch(/queue\.json\.unreadable-\d+$/);
    expect(readFileSync(after.setAside!, 'utf8')).toBe(text.slice(0, text.length - 20));
    expect(existsSync(file)).toBe(false);
    // the next event is saved into a new, readable file
    after.push(event(after));
    expect(new TelemetryQueue(5, file).length).toBe(1);
  });

  it('queue file garbage: at least one event counted as dropped, the sequence from the clock', () => {
    const file = join(dir, 'queue.json');
    writeFileSync(file, '\u0000\u0000garbage');
    const queue = new TelemetryQueue(5, file);
    expect(queue.dropped).toBe(1);
    expect(queue.nextSeq()).toBeGreaterThan(1_700_000_000_000);
    expect(queue.setAside).toBeDefined();
  });
});
