/**
 * A gate a spec puts in front of a call to the host (or the office): `hold()` holds the next calls
 * before they reach it until released, and says once one is waiting.
 */
export interface HostGate {
  /** holds the next calls until released; `waiting` resolves once one arrives */
  hold(): { waiting: Promise<void>; release: () => void };
  /** a call arrives: the gate it must wait for while held, nothing while open */
  arrive(): Promise<void> | undefined;
}

export function hostGate(): HostGate {
  let gate: Promise<void> | undefined;
  let arrived: (() => void) | undefined;
  return {
    hold() {
      let release!: () => void;
      gate = new Promise<void>((resolve) => (release = resolve));
      const waiting = new Promise<void>((resolve) => (arrived = resolve));
      return {
        waiting,
        release: () => {
          gate = undefined;
          release();
        },
      };
    },
    arrive() {
      arrived?.();
      return gate;
    },
  };
}
