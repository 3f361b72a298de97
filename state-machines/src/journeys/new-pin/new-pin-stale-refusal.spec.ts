/**
 * A refused new PIN (too weak, or the two entries differed) is said on the screen that asks for it
 * again. Once the resident's next first entry passes the rules, the screen asking to repeat it
 * showed that refusal still ("too easy to guess"), as if the good PIN had been refused too; and a
 * resident who then cancelled ended the session under the old refusal's "enter it again".
 */
import { describe, expect, it } from '@jest/globals';
import { initialTransition, transition } from 'xstate';
import type { AnyEventObject } from 'xstate';
import { newPinMachine } from './new-pin.machine.js';
import type { NewPinEvent, NewPinInput } from './new-pin.machine.js';

const input: NewPinInput = {
  sessionId: 's-1',
  timeouts: { stepMs: 30_000, warnMs: 20_000 },
  now: () => 0,
  purpose: 'activate',
  cardNumber: 'H41080000105',
  idNumber: '410802199001011234',
  pinLength: 6,
};

const refused = (output: unknown) =>
  ({ type: 'xstate.done.actor.enterNewPin', output }) as AnyEventObject as NewPinEvent;

function after(events: NewPinEvent[]) {
  let [s] = initialTransition(newPinMachine, input);
  for (const e of events) [s] = transition(newPinMachine, s, e);
  return s;
}

describe('a refused new PIN left on screen after the next entry', () => {
  it.each([
    ['too weak', { result: 'weak', rule: 'default' }],
    ['not repeated alike', { result: 'mismatch' }],
  ])('%s: the confirmation of a new first entry shows no refusal', (_, verdict) => {
    const s = after([refused(verdict), { type: 'PIN_STAGE', stage: 'confirm' }]);
    expect(s.context.pin).toEqual({ entered: 0, stage: 'confirm' });
    expect(s.context.error).toBeUndefined();
    expect(s.context.weakRule).toBeUndefined();
    // the tries used still count
    expect(s.context.tries).toBe(1);
  });

  it('the refusal stays while the first entry is typed again', () => {
    const s = after([
      refused({ result: 'weak', rule: 'sequence' }),
      { type: 'PIN_STAGE', stage: 'first' },
      { type: 'PIN_KEY', entered: 3 },
    ]);
    expect(s.context.error?.code).toBe('PIN_WEAK');
    expect(s.context.weakRule).toBe('sequence');
  });

  it.each<[string, NewPinEvent]>([
    ['on screen', { type: 'CANCEL' }],
    ['on the PIN pad', refused({ result: 'cancelled' })],
  ])('cancelled %s after a refusal: the journey ends cancelled without it', (_, cancel) => {
    const s = after([refused({ result: 'mismatch' }), cancel]);
    expect(s.status).toBe('done');
    expect(s.output).toEqual({ outcome: 'cancelled', error: undefined });
  });
});
