/**
 * Fault: a staff supply act whose device never answers held the process open for its bound
 * (`timeouts.supplyActMs`, 15 s by default) after everything else had ended: the bound's timer was
 * the one thing left, so a process whose services had closed with such an act still waiting (the
 * specs that cut a refill off by a "restart" of the kiosk in the same process) did not end, and a
 * test worker that ran them last was force-exited. The bound still ends an act that gets no answer;
 * it no longer keeps a process alive by itself, as the daemon's other waits (a line's or a
 * device's reopen) do not.
 */
import { describe, expect, it } from '@jest/globals';
import { answerWithin, NO_ANSWER } from './supply-act-timeout.js';

/** The timers that keep this process alive. */
const liveTimers = () => process.getActiveResourcesInfo().filter((kind) => kind === 'Timeout').length;

describe('fault: a supply act waiting on a silent device holds the process for its bound', () => {
  it('its bound keeps no process alive, and still ends the act unanswered', async () => {
    const before = liveTimers();
    const silent = new Promise<never>(() => undefined); // the device never answers
    const answer = answerWithin(silent, 50, "FS-0002's refill of cashDispenser cassette:upper");

    expect(liveTimers()).toBe(before);
    await expect(answer).resolves.toBe(NO_ANSWER);
  });
});
