import { describe, expect, it } from '@jest/globals';
import { KioskError } from '@kiosk/domain';
import { SimulatedClock, createActor, initialTransition, transition, waitFor } from 'xstate';
import type { AnyEventObject } from 'xstate';
import { reportLossMachine } from './report-loss.machine.js';
import type {
  ReportLossActorContracts as C,
  ReportLossEvent,
  ReportLossInput,
} from './report-loss.machine.js';
import { PendingActor } from '../../testing/pending-actor.js';

const STEP_MS = 30_000;
const ID = '410802198003151310';

function input(now: () => number, allowUnfreeze = false): ReportLossInput {
  return {
    sessionId: 's-1',
    timeouts: { stepMs: STEP_MS, warnMs: 20_000 },
    now,
    idNumber: ID,
    allowUnfreeze,
  };
}

function start() {
  const clock = new SimulatedClock();
  const listResidentCards = new PendingActor<
    C['listResidentCards']['output'],
    C['listResidentCards']['input']
  >();
  const reportTemporaryLoss = new PendingActor<
    C['reportTemporaryLoss']['output'],
    C['reportTemporaryLoss']['input']
  >();
  const actor = createActor(
    reportLossMachine.provide({
      actors: { listResidentCards: listResidentCards.logic, reportTemporaryLoss: reportTemporaryLoss.logic },
    }),
    { input: input(() => clock.now()), clock },
  ).start();
  return { actor, clock, listResidentCards, reportTemporaryLoss };
}

const done = (id: string, output?: unknown): AnyEventObject => ({ type: `xstate.done.actor.${id}`, output });

function run(events: AnyEventObject[], allowUnfreeze = false) {
  let [s] = initialTransition(
    reportLossMachine,
    input(() => 0, allowUnfreeze),
  );
  for (const e of events) [s] = transition(reportLossMachine, s, e as ReportLossEvent);
  return s;
}

const active = done('listResidentCards', {
  cards: [
    { cardNumber: 'H41080000090', state: 'cancelled' },
    { cardNumber: 'H41080000101', state: 'active' },
  ],
});

describe('temporary loss report (pure transitions)', () => {
  it.each<[string, AnyEventObject[], string, string | null, string | null]>([
    ['an active card is offered for the report', [active], 'confirmLoss', null, null],
    [
      'a card already reported is refused with advice',
      [done('listResidentCards', { cards: [{ cardNumber: 'H41080000101', state: 'temporarilyLost' }] })],
      'done',
      'failed',
      'CARD_STATE_CONFLICT',
    ],
    [
      'a resident without cards is sent to a counter',
      [done('listResidentCards', { cards: [] })],
      'done',
      'failed',
      'CARD_NOT_FOUND',
    ],
    [
      'a host that never answers ends failed',
      [{ type: 'xstate.after.stepTimeout.reportLoss.loadingCards' }],
      'done',
      'failed',
      'HOST_TIMEOUT',
    ],
    ['CONFIRM reports the card', [active, { type: 'CONFIRM' }], 'reporting', null, null],
    ['CANCEL on the question ends cancelled', [active, { type: 'CANCEL' }], 'done', 'cancelled', null],
    [
      'no answer in time ends timed out',
      [active, { type: 'xstate.after.stepTimeout.reportLoss.confirmLoss' }],
      'done',
      'timedOut',
      'SESSION_TIMED_OUT',
    ],
    [
      'the host’s answer is shown',
      [active, { type: 'CONFIRM' }, done('reportTemporaryLoss', { lapsesOn: '2026-12-11' })],
      'reported',
      null,
      null,
    ],
    [
      'a host refusal ends failed',
      [
        active,
        { type: 'CONFIRM' },
        { type: 'xstate.error.actor.reportTemporaryLoss', error: { code: 'HOST_REJECTED', message: 'x' } },
      ],
      'done',
      'failed',
      'HOST_REJECTED',
    ],
  ])('%s', (_, events, value, outcome, code) => {
    const s = run(events);
    expect(s.value).toBe(value);
    expect(s.context.outcome ?? null).toBe(outcome);
    expect(s.context.error?.code ?? null).toBe(code);
  });
});

describe('unfreezing a card found again (pure transitions)', () => {
  const frozen = done('listResidentCards', {
    cards: [{ cardNumber: 'H41080000101', state: 'temporarilyLost' }],
  });

  it.each<[string, AnyEventObject[], string, string | null]>([
    ['a frozen card is offered for unfreezing', [frozen], 'confirmUnfreeze', null],
    ['CONFIRM unfreezes it', [frozen, { type: 'CONFIRM' }], 'unfreezing', null],
    ['the host’s answer is shown', [frozen, { type: 'CONFIRM' }, done('unfreezeCard')], 'unfrozen', null],
    [
      'FINISH ends completed',
      [frozen, { type: 'CONFIRM' }, done('unfreezeCard'), { type: 'FINISH' }],
      'done',
      null,
    ],
    ['CANCEL on the question ends cancelled', [frozen, { type: 'CANCEL' }], 'done', 'cancelled'],
    [
      'no answer in time ends timed out',
      [frozen, { type: 'xstate.after.stepTimeout.reportLoss.confirmUnfreeze' }],
      'done',
      'timedOut',
    ],
    [
      'a host refusal ends failed',
      [
        frozen,
        { type: 'CONFIRM' },
        { type: 'xstate.error.actor.unfreezeCard', error: { code: 'HOST_REJECTED', message: 'x' } },
      ],
      'done',
      'failed',
    ],
    [
      'a host that never answers ends failed',
      [frozen, { type: 'CONFIRM' }, { type: 'xstate.after.stepTimeout.reportLoss.unfreezing' }],
      'done',
      'failed',
    ],
  ])('%s', (_, events, value, outcome) => {
    const s = run(events, true);
    expect(s.value).toBe(value);
    expect(s.context.outcome ?? null).toBe(outcome);
  });

  it('refuses a frozen card with advice when the kiosk does not unfreeze', () => {
    const s = run([frozen], false);
    expect(s.value).toBe('done');
    expect(s.context.error?.code).toBe('CARD_STATE_CONFLICT');
  });

  it('says what was done', () => {
    const s = run([frozen, { type: 'CONFIRM' }, done('unfreezeCard'), { type: 'FINISH' }], true);
    expect(s.output).toMatchObject({ outcome: 'completed', action: 'unfrozen', cardNumber: 'H41080000101' });
  });
});

describe('temporary loss report (actors on a simulated clock)', () => {
  it('freezes the active card and says when the freeze lapses', async () => {
    const h = start();
    expect(h.listResidentCards.last.input).toEqual({ sessionId: 's-1', idNumber: ID });
    h.listResidentCards.last.resolve({ cards: [{ cardNumber: 'H41080000101', state: 'active' }] });
    await waitFor(h.actor, (s) => s.matches('confirmLoss'));
    h.actor.send({ type: 'CONFIRM' });
    expect(h.reportTemporaryLoss.last.input).toEqual({
      sessionId: 's-1',
      idNumber: ID,
      cardNumber: 'H41080000101',
    });
    h.reportTemporaryLoss.last.resolve({ lapsesOn: '2026-12-11' });
    await waitFor(h.actor, (s) => s.matches('reported'));
    h.clock.increment(STEP_MS);
    expect(h.actor.getSnapshot().output).toEqual({
      outcome: 'completed',
      error: undefined,
      cardNumber: 'H41080000101',
      lapsesOn: '2026-12-11',
      action: 'reported',
    });
  });

  it('changes nothing when the resident walks away at the question', async () => {
    const h = start();
    h.listResidentCards.last.resolve({ cards: [{ cardNumber: 'H41080000101', state: 'active' }] });
    await waitFor(h.actor, (s) => s.matches('confirmLoss'));
    h.clock.increment(STEP_MS);
    expect(h.actor.getSnapshot().output?.outcome).toBe('timedOut');
    expect(h.reportTemporaryLoss.calls).toHaveLength(0);
  });

  it('shows the host’s refusal when the report fails', async () => {
    const h = start();
    h.listResidentCards.last.resolve({ cards: [{ cardNumber: 'H41080000101', state: 'active' }] });
    await waitFor(h.actor, (s) => s.matches('confirmLoss'));
    h.actor.send({ type: 'CONFIRM' });
    h.reportTemporaryLoss.last.reject(
      new KioskError('HOST_UNREACHABLE', 'The back office cannot be reached.'),
    );
    await waitFor(h.actor, (s) => s.status === 'done');
    expect(h.actor.getSnapshot().output).toMatchObject({
      outcome: 'failed',
      error: { code: 'HOST_UNREACHABLE' },
    });
  });
});
