/**
 * A host call that changes something, asked again by its key while its outcome is unknown: until
 * answered, never after a refusal, and no more once the step ended (what the host last answered is
 * the outcome, never the abort of the wait between).
 */
import { describe, expect, it, jest } from '@jest/globals';
import { ErrorCode, KioskError } from '@kiosk/domain';
import { ALL_BUT_THE_CLOCK } from '@kiosk/domain/testing';
import { STEP_END_MARGIN_MS, byKey, withinStep } from './asked-again-by-key.js';

const timeout = () => new KioskError(ErrorCode.HOST_TIMEOUT, 'The back office did not answer in time.');

function host(answers: (() => unknown)[]) {
  let calls = 0;
  return {
    call: async () => {
      const answer = answers[Math.min(calls, answers.length - 1)]!;
      calls += 1;
      return answer();
    },
    calls: () => calls,
  };
}

describe('a host call asked again by its key', () => {
  it('no answer in time, then the answer: the answer, asked twice', async () => {
    const h = host([
      () => {
        throw timeout();
      },
      () => 'done',
    ]);
    await expect(byKey(h.call, { retryMs: 1 })).resolves.toBe('done');
    expect(h.calls()).toBe(2);
  });

  it('a refusal is the answer: not asked again', async () => {
    const refused = new KioskError(ErrorCode.CARD_STATE_CONFLICT, 'No.');
    const h = host([
      () => {
        throw refused;
      },
    ]);
    await expect(byKey(h.call, { retryMs: 1 })).rejects.toBe(refused);
    expect(h.calls()).toBe(1);
  });

  it('the step ends while waiting to ask again: the host’s last answer, asked no more', async () => {
    const step = new AbortController();
    const first = timeout();
    const h = host([
      () => {
        setTimeout(() => step.abort(), 5);
        throw first;
      },
      () => 'done',
    ]);
    await expect(byKey(h.call, { retryMs: 60_000 }, step.signal)).rejects.toBe(first);
    expect(h.calls()).toBe(1);
  });
});

/**
 * Fault: asked-again-past-the-step-end. The tries fitted the journey's step (30 s) only with the
 * default 5 s host timeout: a field engineer's slow back office (host.timeoutMs near 15 s) had a
 * third try sent in the step's last moments, cut by the step's timer: the resident read "nothing was
 * changed" while that try could still freeze the card or take the fee. Now a try is asked only when
 * it can answer before the step ends; the host's last answer is the outcome.
 */
describe('fault: asked-again-past-the-step-end', () => {
  it('a slow back office is asked as often as fits the step, its last answer before the step ends', async () => {
    // the step's clock is the spec's: each try takes the host's whole timeout on it, and nothing
    // else moves it, so a loaded machine's late timer cannot push the second try out of the step
    // (with the real clock, a first try 190 ms late left one try)
    jest.useFakeTimers({ doNotFake: ALL_BUT_THE_CLOCK });
    try {
      const hostTimeoutMs = 300;
      // two tries fit (with 190 ms to spare); a third, past the second and the wait before it,
      // would answer after the step's end
      const stepMs = 2 * hostTimeoutMs + STEP_END_MARGIN_MS + 200;
      const started = Date.now();
      let calls = 0;
      const slowHost = async () => {
        calls += 1;
        jest.setSystemTime(Date.now() + hostTimeoutMs); // no answer within the host timeout
        throw timeout();
      };
      const tries = withinStep({ retryMs: 10 }, hostTimeoutMs, stepMs, started);
      await expect(byKey(slowHost, tries)).rejects.toMatchObject({ code: ErrorCode.HOST_TIMEOUT });
      expect(calls).toBe(2);
      expect(Date.now() - started).toBeLessThan(stepMs - STEP_END_MARGIN_MS / 2);
    } finally {
      jest.useRealTimers();
    }
  });
});
