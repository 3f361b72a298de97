import { describe, expect, it } from '@jest/globals';
import { KioskError } from '@kiosk/domain';
import { SimulatedClock, createActor, initialTransition, transition, waitFor } from 'xstate';
import type { AnyEventObject } from 'xstate';
import { recordsMachine } from './records.machine.js';
import type { AccountRecord, AccountRecords, RecordsEvent, RecordsInput } from './records.machine.js';
import { PendingActor } from '../../testing/pending-actor.js';

const STEP_MS = 30_000;

function records(n: number): AccountRecord[] {
  return Array.from({ length: n }, (_, i) => ({
    at: `2026-11-${String(1 + (i % 25)).padStart(2, '0')}T09:00:00.000Z`,
    kind: 'medicalPayment',
    detail: 'pharmacy',
    amountFen: -1_250,
    balanceAfterFen: 100_000 - i * 1_250,
  }));
}

function input(now: () => number, printAvailable = true): RecordsInput {
  return {
    sessionId: 's-1',
    timeouts: { stepMs: STEP_MS, warnMs: 20_000 },
    now,
    cardNumber: 'H41080000101',
    idNumber: '410802198003151310',
    printAvailable,
  };
}

type ActorInput = { sessionId: string; cardNumber: string; idNumber: string };

function start(printAvailable = true) {
  const clock = new SimulatedClock();
  const fetchRecords = new PendingActor<AccountRecords, ActorInput>();
  const printRecords = new PendingActor<{ printedCount: number }, ActorInput>();
  const actor = createActor(
    recordsMachine.provide({
      actors: { fetchRecords: fetchRecords.logic, printRecords: printRecords.logic },
    }),
    { input: input(() => clock.now(), printAvailable), clock },
  ).start();
  return { actor, clock, fetchRecords, printRecords };
}

const done = (id: string, output?: unknown): AnyEventObject => ({ type: `xstate.done.actor.${id}`, output });
const failed = (id: string, error: unknown): AnyEventObject => ({ type: `xstate.error.actor.${id}`, error });

function run(events: AnyEventObject[], printAvailable = true) {
  let [s] = initialTransition(
    recordsMachine,
    input(() => 0, printAvailable),
  );
  for (const e of events) [s] = transition(recordsMachine, s, e as RecordsEvent);
  return s;
}

const loaded = done('fetchRecords', { records: records(5), unprintedCount: 12 });
const full = done('fetchRecords', { records: records(60), unprintedCount: 60 });

describe('records journey (pure transitions)', () => {
  it.each<[string, AnyEventObject[], unknown, string | null]>([
    ['loaded records are shown', [loaded], 'showRecords', null],
    [
      'a host error ends failed',
      [failed('fetchRecords', { code: 'HOST_UNREACHABLE', message: 'x' })],
      'done',
      'failed',
    ],
    [
      'a host that never answers ends failed',
      [{ type: 'xstate.after.stepTimeout.records.loading' }],
      'done',
      'failed',
    ],
    ['PRINT prints the records', [loaded, { type: 'PRINT' }], 'printing', null],
    ['FINISH on the records ends completed', [loaded, { type: 'FINISH' }], 'done', null],
    ['MORE_TIME keeps the records on screen', [loaded, { type: 'MORE_TIME' }], 'showRecords', null],
    [
      'the records left on screen end timed out',
      [loaded, { type: 'xstate.after.stepTimeout.records.showRecords' }],
      'done',
      'timedOut',
    ],
    [
      'a printout leads to "take your printout"',
      [loaded, { type: 'PRINT' }, done('printRecords', { printedCount: 12 })],
      'printed',
      null,
    ],
    [
      'a print fault goes back to the records',
      [loaded, { type: 'PRINT' }, failed('printRecords', { code: 'DEVICE_SUPPLY_EMPTY', message: 'x' })],
      'showRecords',
      null,
    ],
    [
      'a printer that never finishes goes back to the records',
      [loaded, { type: 'PRINT' }, { type: 'xstate.after.stepTimeout.records.printing' }],
      'showRecords',
      null,
    ],
    [
      'FINISH after printing ends completed',
      [loaded, { type: 'PRINT' }, done('printRecords', { printedCount: 12 }), { type: 'FINISH' }],
      'done',
      null,
    ],
    ['CANCEL ends cancelled', [loaded, { type: 'CANCEL' }], 'done', 'cancelled'],
  ])('%s', (_, events, value, outcome) => {
    const s = run(events);
    expect(s.value).toEqual(value);
    expect(s.context.outcome ?? null).toBe(outcome);
  });

  it('shows at most the last 20 records', () => {
    expect(run([full]).context.records).toHaveLength(20);
  });

  it('shows at most the number of records a region configures', () => {
    let [s] = initialTransition(recordsMachine, { ...input(() => 0), screenLimit: 10 });
    [s] = transition(recordsMachine, s, full as RecordsEvent);
    expect(s.context.records).toHaveLength(10);
  });

  it('says printing is required when the card holds 60 unprinted records', () => {
    expect(run([full]).context.error?.code).toBe('CARD_RECORDS_PRINT_REQUIRED');
    expect(run([loaded]).context.error).toBeUndefined();
  });

  it('refuses to print without paper but keeps the records on screen', () => {
    const s = run([loaded, { type: 'PRINT' }], false);
    expect(s.value).toBe('showRecords');
    expect(s.context.error?.code).toBe('DEVICE_SUPPLY_EMPTY');
  });
});

describe('records journey (actors on a simulated clock)', () => {
  it('prints the records of a full card and clears its counter', async () => {
    const h = start();
    expect(h.fetchRecords.last.input).toEqual({
      sessionId: 's-1',
      cardNumber: 'H41080000101',
      idNumber: '410802198003151310',
    });
    h.fetchRecords.last.resolve({ records: records(60), unprintedCount: 60 });
    await waitFor(h.actor, (s) => s.matches('showRecords'));
    h.actor.send({ type: 'PRINT' });
    h.printRecords.last.resolve({ printedCount: 60 });
    await waitFor(h.actor, (s) => s.matches('printed'));
    h.actor.send({ type: 'FINISH' });
    expect(h.actor.getSnapshot().output).toEqual({
      outcome: 'completed',
      error: undefined,
      printed: true,
      unprintedCount: 0,
    });
    expect(h.actor.getSnapshot().context.records).toEqual([]);
  });

  it('keeps the records viewable when the paper runs out mid-print, and refuses a second print', async () => {
    const h = start();
    h.fetchRecords.last.resolve({ records: records(3), unprintedCount: 3 });
    await waitFor(h.actor, (s) => s.matches('showRecords'));
    h.actor.send({ type: 'PRINT' });
    h.printRecords.last.reject(new KioskError('DEVICE_SUPPLY_EMPTY', 'The receipt printer is out of paper.'));
    await waitFor(h.actor, (s) => s.matches('showRecords'));
    h.actor.send({ type: 'PRINT' });
    expect(h.printRecords.calls).toHaveLength(1);
    h.actor.send({ type: 'FINISH' });
    expect(h.actor.getSnapshot().output).toMatchObject({ outcome: 'completed', printed: false });
  });

  it('ends timed out when the records stay on screen for 30 s', async () => {
    const h = start();
    h.fetchRecords.last.resolve({ records: records(3), unprintedCount: 3 });
    await waitFor(h.actor, (s) => s.matches('showRecords'));
    h.clock.increment(STEP_MS);
    expect(h.actor.getSnapshot().output?.outcome).toBe('timedOut');
  });

  it('ends after the printout is left for 30 s', async () => {
    const h = start();
    h.fetchRecords.last.resolve({ records: records(3), unprintedCount: 3 });
    await waitFor(h.actor, (s) => s.matches('showRecords'));
    h.actor.send({ type: 'PRINT' });
    h.printRecords.last.resolve({ printedCount: 3 });
    await waitFor(h.actor, (s) => s.matches('printed'));
    h.clock.increment(STEP_MS);
    expect(h.actor.getSnapshot().output).toMatchObject({ outcome: 'completed', printed: true });
  });
});
