import { useEffect, useState } from 'react';
import { countdownShown, msUntilNextTick, type Countdown, type Deadline, type Tick } from './countdown';

/** Re-renders exactly when the countdown's display changes. */
export function useCountdown(deadline: Deadline | undefined): Countdown | null {
  const [tick, setTick] = useState<Tick>(() => ({ deadline, now: Date.now() }));
  useEffect(() => {
    if (deadline === undefined) return;
    const wait = msUntilNextTick(deadline, Date.now());
    if (!Number.isFinite(wait)) return;
    const timer = setTimeout(() => setTick({ deadline, now: Date.now() }), wait + 5);
    return () => clearTimeout(timer);
  }, [deadline, tick]);
  return deadline === undefined ? null : countdownShown(tick, deadline, Date.now());
}
