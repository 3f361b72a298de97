/**
 * A fresh simulator for each case of a spec, on a clock the spec sets (it starts at 10:00 in
 * Jiaozuo, 2026-11-26 02:00 UTC), closed after the case; `restart` starts it again, on the same
 * clock, with other rules.
 */
import { afterEach, beforeEach } from '@jest/globals';
import type { HostSimulatorOptions } from '../host-simulator.js';
import type { HostRulesInput } from '../rules/host-rules.js';
import { startSimulator, type RunningSimulator } from './simulator-fixture.js';

export const CASE_START = new Date('2026-11-26T02:00:00.000Z');

/** The case's simulator (`options` beside the spec's clock) and its clock, set by the spec. */
export function simulatorPerCase(options: Partial<HostSimulatorOptions> = {}) {
  let host: RunningSimulator;
  let clock: Date;
  beforeEach(async () => {
    clock = new Date(CASE_START);
    host = await startSimulator({ ...options, now: () => clock });
  });
  afterEach(() => host.close());
  return {
    get host() {
      return host;
    },
    get clock() {
      return clock;
    },
    set clock(at: Date) {
      clock = at;
    },
    /** the simulator started again, on the same clock, with `rules` */
    async restart(rules: HostRulesInput): Promise<void> {
      await host.close();
      host = await startSimulator({ ...options, now: () => clock, rules });
    },
  };
}
