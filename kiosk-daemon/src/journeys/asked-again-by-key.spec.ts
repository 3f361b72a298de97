/**
 * A host call that changes something, asked again by its key while its outcome is unknown: until
 * answered, never after a refusal, and no more once the step ended (what the host last answered is
 * the outcome, never the abort of the wait between).
 */
import { describe, expect, it } from '@jest/globals';
import { ErrorCode, KioskError } from '@kiosk/domain';
import { byKey } from './asked-again-by-key.js';

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
