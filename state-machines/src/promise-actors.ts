import { fromPromise } from 'xstate';
import type { PromiseActorLogic } from 'xstate';
import { ErrorCode } from '@kiosk/domain';
import { codedError } from './coded-error.js';

/**
 * The implementations a machine needs, from its contract `{ name: { input; output } }`: what the
 * daemon passes to `machine.provide({ actors })`, each built with `fromPromise`.
 *
 *   const actors: PromiseActorsOf<SessionActorContracts> = { readCard: fromPromise(...), ... };
 */
export type PromiseActorsOf<
  C extends { [K in keyof C]: { readonly input: unknown; readonly output: unknown } },
> = {
  [K in keyof C]: PromiseActorLogic<C[K]['output'], C[K]['input']>;
};

/** The stand-in a machine declares for an actor the daemon must provide: it fails, coded. */
export function unprovidedActor<O, I>(name: string): PromiseActorLogic<O, I> {
  return fromPromise<O, I>(() =>
    Promise.reject(codedError(ErrorCode.INTERNAL, `The ${name} actor was not provided.`)),
  );
}

/** Stand-ins for every actor of a contract, by name (see `unprovidedActor`). */
export function unprovidedActors<
  C extends { [K in keyof C]: { readonly input: unknown; readonly output: unknown } },
>(names: readonly (keyof C & string)[]): PromiseActorsOf<C> {
  return Object.fromEntries(names.map((name) => [name, unprovidedActor(name)])) as PromiseActorsOf<C>;
}
