/**
 * The daemon's `checkCard` for specs: answers at once (the host holds the card active), or refuses
 * with `refusal` once set; every ask kept. Answering at once keeps the specs of further journeys
 * as they were; the specs of the check itself set a refusal or hold the answer (`hold`).
 */
import { fromPromise } from 'xstate';
import type { Journey } from '@kiosk/domain';
import type { SessionIdInput } from '../session/session.types.js';

export type CheckCardInput = SessionIdInput & { readonly cardNumber: string; readonly journey: Journey };

export class CheckCardFake {
  readonly calls: CheckCardInput[] = [];
  /** set: every ask refused with it (a KioskError-like { code, message }) */
  refusal: Error | undefined;
  /** set: the next asks wait for `release` */
  hold = false;
  #held: (() => void)[] = [];
  readonly logic = fromPromise<void, CheckCardInput>(async ({ input }) => {
    this.calls.push(input);
    if (this.hold) await new Promise<void>((resolve) => this.#held.push(resolve));
    if (this.refusal) throw this.refusal;
  });

  /** answers the held asks */
  release(): void {
    this.hold = false;
    for (const resolve of this.#held.splice(0)) resolve();
  }
}
