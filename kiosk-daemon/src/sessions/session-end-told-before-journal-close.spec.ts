/**
 * Fault: the fleet was told a session ended before the journal closed its transaction. The
 * session's end (session-end.ts) told its listeners (fleet telemetry's session event, the read of
 * the journal's counts) first and closed the transaction after, so a crash in between left the
 * fleet counting an end the journal never closed. Journal first: they are told once the close is
 * written, or tried and logged. SessionEnds alone, its journal a stand-in whose close waits.
 */
import { jest } from '@jest/globals';
import { Logger } from '@nestjs/common';
import type { SessionOutput } from '@kiosk/state-machines';
import type { JournalService } from '../journal/journal.service.js';
import { MetricsService } from '../telemetry/metrics.service.js';
import type { RunningSession } from './running-session.js';
import { SessionEnds } from './session-end.js';
import type { SlotCardRecovery } from './slot-card-recovery.js';

function endsWithHeldClose() {
  const order: string[] = [];
  let finishClose!: (failed?: boolean) => void;
  const journal = {
    stopWaitsFor: (_what: string, act: () => Promise<unknown>) => act(),
    closeTransaction: (id: string, outcome: string) =>
      new Promise<void>((resolve, reject) => {
        finishClose = (failed) => {
          order.push(failed ? `close of ${id} failed` : `${id} closed ${outcome}`);
          if (failed) reject(new Error('the journal is unreachable'));
          else resolve();
        };
      }),
  } as unknown as JournalService;
  const ends = new SessionEnds({
    journal,
    metrics: new MetricsService(),
    slotCard: { afterSession: () => Promise.resolve('none') } as unknown as SlotCardRecovery,
    log: new Logger('Sessions'),
    sessionRuns: () => false,
  });
  ends.onEnded((ended) => order.push(`told ${ended.journey} ${ended.outcome}`));
  const running = {
    transactionId: 'tx-1',
    journey: 'balance',
    startedAt: Date.now(),
    release: () => undefined,
  } as unknown as RunningSession;
  const output = { sessionId: 's1', journey: 'balance', outcome: 'completed' } as SessionOutput;
  return { order, ends, running, output, finishClose: (failed?: boolean) => finishClose(failed) };
}

describe('fault: the end of a session told before the journal closed it', () => {
  afterEach(() => jest.restoreAllMocks());

  it('fleet told a session ended before the journal closed it: told once the close is written', async () => {
    const k = endsWithHeldClose();
    const settled = k.ends.settle(k.running, k.output);
    await new Promise((resolve) => setImmediate(resolve));
    expect(k.order).toEqual([]);
    k.finishClose();
    await settled;
    expect(k.order).toEqual(['tx-1 closed completed', 'told balance completed']);
  });

  it('a close that fails is logged, and the end is told after it all the same', async () => {
    const errors = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    const k = endsWithHeldClose();
    const settled = k.ends.settle(k.running, k.output);
    await new Promise((resolve) => setImmediate(resolve));
    expect(k.order).toEqual([]);
    k.finishClose(true);
    await settled;
    expect(k.order).toEqual(['close of tx-1 failed', 'told balance completed']);
    expect(errors.mock.calls.map(([m]) => String(m))).toEqual([
      expect.stringContaining('journal close failed for tx-1'),
    ]);
  });
});
