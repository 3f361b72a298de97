/**
 * The fault: RULES.md asks "need more time?" at 20 s on every waiting step. The face match
 * ("look at the camera") marked its step like every other (its deadline warns at 20 s, and the touch
 * screen asks there), but the identify machine had no answer to MORE_TIME in it: the resident
 * pressed "more time", the prompt stayed, and 10 s later the session ended timed out. Now the
 * step's timer and deadline start again, the camera's match goes on (no try counted, none lost).
 *
 * With it, a sweep over the machines' definitions: every state that marks a step the resident is
 * asked to act on (`markStep`: the deadline that warns) answers MORE_TIME, itself or a parent.
 */
import { describe, expect, it } from '@jest/globals';
import { SimulatedClock, createActor, waitFor, type AnyStateMachine } from 'xstate';
import { sessionMachine } from '../../session/session.machine.js';
import { PendingActor } from '../../testing/pending-actor.js';
import { issueCardMachine } from '../issue-card/issue-card.machine.js';
import { newPinMachine } from '../new-pin/new-pin.machine.js';
import { recordsMachine } from '../records/records.machine.js';
import { reportLossMachine } from '../report-loss/report-loss.machine.js';
import { withdrawalMachine } from '../withdrawal/withdrawal.machine.js';
import { identifyMachine, type FaceMatch, type IdCardSummary } from './identify.machine.js';

const ID_CARD: IdCardSummary = {
  idNumber: '410802198003151310',
  name: '张三明',
  birthDate: '1980-03-15',
  validTo: '2035-01-01',
};

describe('fault: "need more time?" ignored while the face is matched', () => {
  it('more time at the 20-s prompt gives the face match another 30 s; the camera match goes on', async () => {
    const clock = new SimulatedClock();
    const readIdCard = new PendingActor<IdCardSummary, { sessionId: string }>();
    const matchFace = new PendingActor<FaceMatch, { sessionId: string }>();
    const actor = createActor(
      identifyMachine.provide({ actors: { readIdCard: readIdCard.logic, matchFace: matchFace.logic } }),
      {
        input: { sessionId: 's-1', timeouts: { stepMs: 30_000, warnMs: 20_000 }, now: () => clock.now() },
        clock,
      },
    ).start();
    readIdCard.last.resolve(ID_CARD);
    await waitFor(actor, (s) => s.matches('matchingFace'));
    expect(actor.getSnapshot().context.deadline).toEqual({ at: 30_000, warnAt: 20_000 });

    clock.increment(20_000);
    actor.send({ type: 'MORE_TIME' });
    expect(actor.getSnapshot().context.deadline).toEqual({ at: 50_000, warnAt: 40_000 });
    clock.increment(25_000);
    expect(actor.getSnapshot().matches('matchingFace')).toBe(true);
    expect(matchFace.calls).toHaveLength(1);
    expect(matchFace.last.signal.aborted).toBe(false);

    matchFace.last.resolve({ score: 91 });
    await waitFor(actor, (s) => s.status === 'done');
    expect(actor.getSnapshot().output).toMatchObject({ outcome: 'completed', faceTries: 1 });
  });

  it('still times out 30 s after the last answer when nobody looks at the camera', async () => {
    const clock = new SimulatedClock();
    const readIdCard = new PendingActor<IdCardSummary, { sessionId: string }>();
    const matchFace = new PendingActor<FaceMatch, { sessionId: string }>();
    const actor = createActor(
      identifyMachine.provide({ actors: { readIdCard: readIdCard.logic, matchFace: matchFace.logic } }),
      {
        input: { sessionId: 's-1', timeouts: { stepMs: 30_000, warnMs: 20_000 }, now: () => clock.now() },
        clock,
      },
    ).start();
    readIdCard.last.resolve(ID_CARD);
    await waitFor(actor, (s) => s.matches('matchingFace'));
    clock.increment(20_000);
    actor.send({ type: 'MORE_TIME' });
    clock.increment(30_000);
    await waitFor(actor, (s) => s.status === 'done');
    expect(actor.getSnapshot().output).toMatchObject({ outcome: 'timedOut' });
    expect(matchFace.last.signal.aborted).toBe(true);
  });
});

const MACHINES: readonly (readonly [string, AnyStateMachine])[] = [
  ['session', sessionMachine],
  ['identify', identifyMachine],
  ['records', recordsMachine],
  ['withdrawal', withdrawalMachine],
  ['newPin', newPinMachine],
  ['issueCard', issueCardMachine],
  ['reportLoss', reportLossMachine],
];

type Node = AnyStateMachine['root'];

const marksStep = (node: Node): boolean =>
  node.entry.some(
    (action) =>
      (typeof action === 'object' && action !== null && 'type' in action ? action.type : action) ===
      'markStep',
  );

/** The node and every state under it. */
const nodesUnder = (node: Node): Node[] => [node, ...Object.values(node.states).flatMap(nodesUnder)];

function answersMoreTime(node: Node): boolean {
  for (let n: Node | undefined = node; n !== undefined; n = n.parent) {
    if (n.transitions.has('MORE_TIME')) return true;
  }
  return false;
}

describe('every step that asks the resident answers "need more time?"', () => {
  it.each(MACHINES)('%s', (_, machine) => {
    const steps = nodesUnder(machine.root).filter(marksStep);
    expect(steps.length).toBeGreaterThan(0);
    expect(steps.filter((node) => !answersMoreTime(node)).map((node) => node.id)).toEqual([]);
  });
});
