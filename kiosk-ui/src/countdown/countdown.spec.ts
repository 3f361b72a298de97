import { countdownAt, countdownShown, msUntilNextTick } from './countdown';

const deadline = { at: 100_000, warnAt: 90_000 }; // 30 s step, prompt at 20 s

describe('countdownAt', () => {
  it('rounds the seconds left up, so the last second shows 1 and not 0', () => {
    expect(countdownAt(deadline, 70_000).secondsLeft).toBe(30);
    expect(countdownAt(deadline, 70_001).secondsLeft).toBe(30);
    expect(countdownAt(deadline, 99_001).secondsLeft).toBe(1);
  });

  it('does not warn before warnAt and warns from warnAt on', () => {
    expect(countdownAt(deadline, 89_999)).toMatchObject({ warning: false, remainingShare: 1 });
    expect(countdownAt(deadline, 90_000)).toMatchObject({ warning: true, remainingShare: 1 });
    expect(countdownAt(deadline, 95_000).remainingShare).toBeCloseTo(0.5);
  });

  it('never shows negative time once the deadline has passed', () => {
    expect(countdownAt(deadline, 130_000)).toEqual({
      secondsLeft: 0,
      warning: true,
      expired: true,
      remainingShare: 0,
    });
  });

  it('copes with a deadline whose warning window is empty', () => {
    expect(countdownAt({ at: 10_000, warnAt: 10_000 }, 9_500)).toMatchObject({
      secondsLeft: 1,
      warning: false,
      remainingShare: 1,
    });
  });
});

describe('msUntilNextTick', () => {
  it('waits until the displayed second changes', () => {
    expect(msUntilNextTick(deadline, 70_250)).toBe(750);
    expect(msUntilNextTick(deadline, 91_000)).toBe(1000);
  });

  it('wakes up exactly at warnAt to show the prompt', () => {
    expect(msUntilNextTick({ at: 100_000, warnAt: 89_700 }, 89_500)).toBe(200);
  });

  it('stops ticking after the deadline', () => {
    expect(msUntilNextTick(deadline, 100_000)).toBe(Number.POSITIVE_INFINITY);
  });
});

describe('countdownShown', () => {
  const before = { at: 69_800, warnAt: 69_800 };
  const step = { at: 100_000, warnAt: 90_000 }; // a 30 s step begun at 70_000

  it("shows a new step's full 30 s, not 31, when the last tick was taken during the step before", () => {
    expect(countdownShown({ deadline: before, now: 69_200 }, step, 70_000).secondsLeft).toBe(30);
    expect(countdownShown({ deadline: undefined, now: 60_000 }, step, 70_000).secondsLeft).toBe(30);
  });

  it('reads the same deadline at its own tick (a new view object with equal values is the same step)', () => {
    expect(countdownShown({ deadline: { ...step }, now: 80_500 }, step, 80_900).secondsLeft).toBe(20);
  });
});
