/**
 * Fault: a fleet broker down for days filled the kiosk's log: every failed try (about once a minute
 * at the backoff's bound) said "fleet broker unreachable", and its return said only "connected".
 * Now the outage is said once as it starts, with its code, then at most once an hour with how long
 * and how many tries, and once as it ends with how long it was down (OutageLog). The reporter on
 * fakes of its neighbours, the publisher's events as the real one emits them (an error, then the
 * close, at every failed try), on a simulated clock (`reporterOn`, `keptEvents`).
 */
import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { Logger } from '@nestjs/common';
import type { DeviceStatus } from '@kiosk/domain';
import { keptEvents, reporterOn } from './fleet-reporter.spec-support.js';

const printer: DeviceStatus = {
  kind: 'cardPrinter',
  device: 'online',
  supplies: [],
  driver: 'emulator',
  updatedAt: '2026-11-27T00:00:00.000Z',
};

/** The reporter started on stand-ins; the publisher an emitter of the real one's connection events. */
function reporterOnFakes() {
  const { publisher } = keptEvents('JZ-9001', 7);
  const { reporter } = reporterOn({ publisher, statuses: () => [printer] });
  /** one failed try, as mqtt.js and the publisher tell it */
  const failedTry = () => {
    publisher.emit(
      'connectionError',
      Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1883'), { code: 'ECONNREFUSED' }),
    );
    publisher.emit('disconnected');
  };
  return { reporter, publisher, failedTry };
}

let warned: string[];
let said: string[];

beforeEach(() => {
  jest.useFakeTimers({ doNotFake: ['nextTick', 'queueMicrotask', 'setImmediate'] });
  warned = [];
  said = [];
  jest
    .spyOn(Logger.prototype, 'warn')
    .mockImplementation((message: unknown) => void warned.push(String(message)));
  jest
    .spyOn(Logger.prototype, 'log')
    .mockImplementation((message: unknown) => void said.push(String(message)));
});

afterEach(() => {
  jest.restoreAllMocks();
  jest.useRealTimers();
});

describe('a fleet broker down for long, in the kiosk log', () => {
  it('fault: fleet broker down for days: said once as it starts (coded), then once an hour with a count, not at every try', async () => {
    const { reporter, publisher, failedTry } = reporterOnFakes();
    publisher.emit('connected');
    publisher.emit('disconnected'); // the broker goes
    for (let minute = 0; minute < 3 * 60; minute += 1) {
      jest.advanceTimersByTime(60_000); // a try a minute at the bound
      failedTry();
    }
    const outage = warned.filter((line) => line.includes('unreachable'));
    expect(outage).toEqual([
      'fleet broker unreachable (CONNECTION_CLOSED); 7 events queued',
      'fleet broker still unreachable (ECONNREFUSED) for 1 h 0 min, 61 failed tries; 7 events queued',
      'fleet broker still unreachable (ECONNREFUSED) for 2 h 0 min, 121 failed tries; 7 events queued',
      'fleet broker still unreachable (ECONNREFUSED) for 3 h 0 min, 181 failed tries; 7 events queued',
    ]);
    // the error's own words once per cause, as before
    expect(warned.filter((line) => line.startsWith('fleet broker: '))).toEqual([
      'fleet broker: connect ECONNREFUSED 127.0.0.1:1883',
    ]);
    await reporter.beforeApplicationShutdown();
  });

  it('fault: fleet broker back after an outage: said once, with how long it was down', async () => {
    const { reporter, publisher, failedTry } = reporterOnFakes();
    failedTry(); // down from the start
    jest.advanceTimersByTime(50 * 60_000 + 12_000); // under the hour: no reminder
    failedTry();
    publisher.emit('connected');
    expect(said).toEqual(['fleet broker reachable again after 50 min 12 s down (2 failed tries)']);
    publisher.emit('disconnected'); // a new outage is said anew
    publisher.emit('connected');
    expect(warned.filter((line) => line.includes('unreachable'))).toEqual([
      'fleet broker unreachable (ECONNREFUSED); 7 events queued',
      'fleet broker unreachable (CONNECTION_CLOSED); 7 events queued',
    ]);
    expect(said.at(-1)).toBe('fleet broker reachable again after 0 ms down (1 failed tries)');
    await reporter.beforeApplicationShutdown();
  });

  it('a kiosk that connects without an outage says so once', async () => {
    const { reporter, publisher } = reporterOnFakes();
    publisher.emit('connected');
    expect(said).toEqual(['connected to the fleet broker']);
    expect(warned).toEqual([]);
    await reporter.beforeApplicationShutdown();
  });
});
