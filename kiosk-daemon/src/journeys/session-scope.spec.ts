import { ErrorCode, KioskError } from '@kiosk/domain';
import { assign, createActor, createMachine, fromPromise, setup } from 'xstate';
import type { JournalService } from '../journal/journal.service.js';
import { runInScope } from './run-in-scope.spec-support.js';
import { ScopeKey, SessionScope, SessionScopes } from './session-scope.js';

const journal = {} as JournalService;
const session = (transactionId: string) => ({
  transactionId,
  locale: () => 'en' as const,
  send: () => undefined,
});

describe('SessionScope', () => {
  it('makes a value once per session and wipes it when the session ends', () => {
    const released: string[] = [];
    const key = new ScopeKey(
      'held',
      () => ({ secret: 'x' }),
      (v) => released.push(v.secret),
    );
    const scope = new SessionScope(journal, session('T-1'));
    const first = scope.get(key);
    expect(scope.get(key)).toBe(first);
    expect(new SessionScope(journal, session('T-2')).get(key)).not.toBe(first);
    scope.release();
    expect(released).toEqual(['x']);
    expect(scope.get(key)).not.toBe(first); // a fresh one after the release
  });

  it('gives each session actor its own scope through one machine provided once', async () => {
    const scopes = new SessionScopes();
    const machine = setup({
      types: { context: {} as { who: string } },
      actors: { whose: fromPromise<string>(() => Promise.reject(new Error('not provided'))) },
    })
      .createMachine({
        context: { who: '' },
        initial: 'asking',
        states: {
          asking: {
            invoke: {
              src: 'whose',
              onDone: { target: 'done', actions: assign({ who: ({ event }) => event.output }) },
            },
          },
          done: { type: 'final' },
        },
        output: ({ context }) => context.who,
      })
      .provide({
        actors: {
          whose: fromPromise(({ system }) => Promise.resolve(scopes.of(system).tools.transactionId)),
        },
      });
    const run = (transactionId: string) =>
      runInScope(scopes, new SessionScope(journal, session(transactionId)), machine);
    await expect(Promise.all([run('T-1'), run('T-2')])).resolves.toEqual(['T-1', 'T-2']);
  });

  it('refuses an actor that runs outside a session (no scope bound): INTERNAL', async () => {
    const scopes = new SessionScopes();
    const actor = createActor(createMachine({}));
    expect(() => scopes.of(actor.system)).toThrow(
      expect.objectContaining({ code: ErrorCode.INTERNAL }) as KioskError,
    );
  });
});
