/**
 * The run a kiosk's statuses carry (`StatusRunSchema`, ADR 0018's addendum on runs): an id drawn
 * once, at the start of the kiosk's fleet link, then a count of the statuses made since. The kiosk
 * daemon's publisher and the simulator's virtual kiosks both number their statuses with it.
 */
import type { StatusRun } from './telemetry.contract.js';

export class StatusRunCounter {
  /** drawn anew at each start: the web crypto's, so the contract loads in a browser as well */
  readonly id: string = globalThis.crypto.randomUUID();
  private made = 0;

  /** the run of the next status made (a status sent again keeps the run it was made with) */
  next(): StatusRun {
    return { id: this.id, seq: this.made++ };
  }
}
