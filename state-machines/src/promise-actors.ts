import type { PromiseActorLogic } from 'xstate';

/**
 * The implementations a machine needs, from its contract `{ name: { input; output } }`: what the
 * daemon passes to `machine.provide({ actors })`, each built with `fromPromise`.
 *
 *   const actors: PromiseActorsOf<SessionActorContracts> = { readCard: fromPromise(...), ... };
 */
export type PromiseActorsOf<C extends Record<string, { readonly input: unknown; readonly output: unknown }>> =
  {
    [K in keyof C]: PromiseActorLogic<C[K]['output'], C[K]['input']>;
  };
