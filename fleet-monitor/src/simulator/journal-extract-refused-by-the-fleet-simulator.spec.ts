/**
 * Fault: the fleet simulator's virtual kiosk answered every `uploadJournalExtract` rejected
 * TELEMETRY_COMMAND_FAILED, where a real kiosk (`journal-extract-upload.ts` in the daemon) sends the
 * transactions that started in the range on `kiosk/<id>/journal-extract` and then acks done; a demo
 * or a load test on the simulator never showed an extract. Now it answers as a kiosk does, from a
 * journal of the journeys it served (`simulated-journal.ts`): the extract first, then done; a range
 * ending before it starts refused TELEMETRY_COMMAND_MALFORMED, one past the contract's limit
 * JOURNAL_EXTRACT_TOO_LARGE. End to end on the test fleet (its embedded broker and SQLite store),
 * and the journal's answers on their own.
 */
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { JOURNEYS } from '@kiosk/domain';
import { eventually } from '@kiosk/domain/testing';
import { startTestFleet } from '../testing/test-fleet.js';
import type { FleetMonitor } from '../fleet-monitor.js';
import type { Command } from '../contract/telemetry.contract.js';
import { SimulatedJournal } from './simulated-journal.js';
import { VirtualKiosk } from './virtual-kiosk.js';

const KIOSK = 'sim-k0001';

describe('journal extract asked of a virtual kiosk', () => {
  let fleet: FleetMonitor;
  let kiosk: VirtualKiosk;
  beforeEach(async () => {
    const started = await startTestFleet({ kiosks: { [KIOSK]: 'sim-secret-1' } });
    fleet = started.fleet;
    kiosk = new VirtualKiosk({
      url: started.url,
      kioskId: KIOSK,
      password: 'sim-secret-1',
      heartbeatIntervalS: 1,
      journeyEveryMs: 5,
      refillAfterMs: 60_000,
      faultChance: 0,
    });
  });
  afterEach(async () => {
    await kiosk.stop();
    await fleet.stop();
  });

  it('sends the transactions of the journeys it served in the range, then acks done, as a real kiosk does', async () => {
    await kiosk.start();
    // three events: at least two journeys (a retract only ever follows one)
    await eventually(() => kiosk.published.events >= 3, 'journeys served', { withinMs: 10_000 });
    const from = new Date(Date.now() - 3_600_000).toISOString();
    const asked = await fleet.sendCommand(
      KIOSK,
      { type: 'uploadJournalExtract', from, to: new Date().toISOString() },
      'zhang',
    );
    await eventually(
      async () => (await fleet.store.commands(KIOSK))[0]?.result != null,
      'the extract answered',
      { withinMs: 10_000 },
    );
    expect((await fleet.store.commands(KIOSK))[0]).toMatchObject({
      id: asked.id,
      result: 'done',
      code: null,
    });
    const [extract] = await fleet.store.journalExtracts(KIOSK);
    expect(extract).toMatchObject({ commandId: asked.id, kioskId: KIOSK });
    expect(extract!.transactions).toBeGreaterThanOrEqual(2);
    const jsonl = (await fleet.store.journalExtractBody(KIOSK, asked.id))!;
    const lines = jsonl
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines).toHaveLength(extract!.transactions);
    for (const line of lines) {
      expect(line).toMatchObject({ kioskId: KIOSK, status: 'closed', maskedCardNumber: null, steps: [] });
      expect(JOURNEYS).toContain(line.journey);
      expect((line.startedAt as string) >= from).toBe(true);
    }
  });
});

describe("a virtual kiosk's journal", () => {
  const command = (from: string, to: string): Extract<Command, { type: 'uploadJournalExtract' }> => ({
    id: 'c-1',
    kioskId: KIOSK,
    type: 'uploadJournalExtract',
    issuedAt: '2026-11-30T12:00:00.000Z',
    issuedBy: 'zhang',
    from,
    to,
  });
  const journey = { journey: 'balance', outcome: 'completed', durationMs: 60_000 };

  it('the transactions that started in the range, in serial order, closed as journaled', () => {
    const journal = new SimulatedJournal(KIOSK);
    journal.record(journey, new Date('2026-11-30T09:01:00.000Z'));
    journal.record(
      { ...journey, outcome: 'failed', code: 'HOST_TIMEOUT' },
      new Date('2026-11-30T10:01:00.000Z'),
    );
    journal.record(journey, new Date('2026-11-30T11:01:00.000Z'));
    const { answer, extract } = journal.extract(
      command('2026-11-30T10:00:00.000Z', '2026-11-30T11:00:00.000Z'),
    );
    expect(answer).toEqual({ result: 'done' });
    expect(extract).toMatchObject({ commandId: 'c-1', kioskId: KIOSK, transactions: 2 });
    expect(
      extract!.jsonl
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line) as unknown),
    ).toEqual([
      expect.objectContaining({
        id: `${KIOSK}-000002`,
        serial: 2,
        outcome: 'failed',
        errorCode: 'HOST_TIMEOUT',
        startedAt: '2026-11-30T10:00:00.000Z',
        endedAt: '2026-11-30T10:01:00.000Z',
      }),
      expect.objectContaining({ id: `${KIOSK}-000003`, outcome: 'completed', errorCode: null }),
    ]);
  });

  it('a range that ends before it starts: refused TELEMETRY_COMMAND_MALFORMED, nothing sent', () => {
    const journal = new SimulatedJournal(KIOSK);
    journal.record(journey);
    expect(journal.extract(command('2026-11-30T11:00:00.000Z', '2026-11-30T10:00:00.000Z'))).toEqual({
      answer: { result: 'rejected', code: 'TELEMETRY_COMMAND_MALFORMED' },
    });
  });

  it("an extract past the contract's limit: refused JOURNAL_EXTRACT_TOO_LARGE, nothing sent", () => {
    const journal = new SimulatedJournal(KIOSK);
    const ended = new Date('2026-11-30T10:00:00.000Z');
    for (let i = 0; i < 5_000; i += 1) journal.record(journey, ended);
    expect(journal.extract(command('2026-11-30T00:00:00.000Z', '2026-11-30T23:00:00.000Z'))).toEqual({
      answer: { result: 'rejected', code: 'JOURNAL_EXTRACT_TOO_LARGE' },
    });
  });
});
