/**
 * Test support: a promise actor whose every call waits until the test settles it, so that a spec
 * decides when the card reader, the PIN pad or the host answers, and sees whether the machine
 * stopped it (its `signal` aborted). Used by specs only; not exported from the package.
 */
import { fromPromise } from 'xstate';
import type { PromiseActorLogic } from 'xstate';

export interface PendingCall<I, O> {
  readonly input: I;
  readonly signal: AbortSignal;
  resolve(output: O): void;
  reject(error: unknown): void;
}

export class PendingActor<O, I> {
  readonly calls: PendingCall<I, O>[] = [];
  readonly logic: PromiseActorLogic<O, I> = fromPromise<O, I>(
    ({ input, signal }) =>
      new Promise<O>((resolve, reject) => {
        this.calls.push({ input, signal, resolve, reject });
      }),
  );

  get last(): PendingCall<I, O> {
    const call = this.calls[this.calls.length - 1];
    if (!call) throw new Error('the actor was never invoked');
    return call;
  }
}

/** Lets promise callbacks and the actor's reactions to them run. */
export async function settle(): Promise<void> {
  for (let i = 0; i < 5; i += 1) await Promise.resolve();
}
