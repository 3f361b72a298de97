/**
 * The cards issued count the fleet is told is read from the journal at start, when a session ends
 * and when field staff act: reads that overlap (on PostgreSQL, on connections of their own) can
 * answer out of order. The status must carry the count of the last read begun, never an older one.
 */
import { describe, expect, it, jest } from '@jest/globals';
import type { DeviceStatus } from '@kiosk/domain';
import { keptEvents, reporterOn } from './fleet-reporter.spec-support.js';

type Latest = { cardPrinter?: { counters: { issued?: number } } };

const printer: DeviceStatus = {
  kind: 'cardPrinter',
  device: 'online',
  supplies: [],
  driver: 'emulator',
  updatedAt: '2026-11-27T00:00:00.000Z',
};

/** A reporter started on stand-ins of its neighbours; each journal read answers when the spec says. */
function reporterWithReads() {
  const reads: ((latest: Latest) => void)[] = [];
  const { publisher, statuses: sent } = keptEvents('JZ-9001');
  const counters = {
    latestCounters: jest.fn(() => new Promise<Latest>((answer) => reads.push(answer))),
  };
  const fleet = reporterOn({ publisher, counters, statuses: () => [printer] });
  const issuedSent = () => sent.at(-1)?.devices.find((d) => d.kind === 'cardPrinter')?.issued;
  return {
    reporter: fleet.reporter,
    reads,
    endSession: () =>
      fleet.sessionEnded({ journey: 'issueCard', outcome: 'completed', code: null, durationMs: 1 }),
    issuedSent,
  };
}

/** Lets the reporter's read go on and its report (scheduled with setImmediate) run. */
const settle = async () => {
  for (let turn = 0; turn < 3; turn += 1) await new Promise((done) => setImmediate(done));
};

describe('the cards issued count told to the fleet', () => {
  it('fault: an earlier read answering after a later one does not send the older count', async () => {
    // started: the start's read, before the session's card was counted
    const { reporter, reads, endSession, issuedSent } = reporterWithReads();
    endSession(); // the session's card counted: read again
    expect(reads).toHaveLength(2);
    reads[1]!({ cardPrinter: { counters: { issued: 8 } } });
    await settle();
    expect(issuedSent()).toBe(8);
    // the start's read answers last, with the count as it was before the card
    reads[0]!({ cardPrinter: { counters: { issued: 7 } } });
    await settle();
    expect(issuedSent()).toBe(8);
    await reporter.beforeApplicationShutdown();
  });

  it('reads answering in order: each new count is sent', async () => {
    const { reporter, reads, endSession, issuedSent } = reporterWithReads();
    reads[0]!({ cardPrinter: { counters: { issued: 7 } } });
    await settle();
    expect(issuedSent()).toBe(7);
    endSession();
    reads[1]!({ cardPrinter: { counters: { issued: 8 } } });
    await settle();
    expect(issuedSent()).toBe(8);
    await reporter.beforeApplicationShutdown();
  });
});
