import { useEffect, useState } from 'react';
import { countdownAt, msUntilNextTick, type Countdown, type Deadline } from './countdown';

/** Re-renders exactly when the countdown's display changes. */
export function useCountdown(deadline: Deadline | undefined): Countdown | null {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (deadline === undefined) return;
    const wait = msUntilNextTick(deadline, Date.now());
    if (!Number.isFinite(wait)) return;
    const timer = setTimeout(() => setNow(Date.now()), wait + 5);
    return () => clearTimeout(timer);
  }, [deadline, now]);
  return deadline === undefined ? null : countdownAt(deadline, now);
}
