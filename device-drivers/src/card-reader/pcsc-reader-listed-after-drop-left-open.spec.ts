/**
 * Fault: a reader pcscd lists after its context was dropped (the link closed, or pcscd lost) but
 * before the native close reached it was neither taken nor closed, and had no error listener: the
 * reader's status thread kept a pcscd connection (the process could not exit by itself), and when
 * pcscd went away its error was an uncaught exception that took the process down (seen as a
 * device spec's "SCardGetStatusChange error: RPC transport error" when a PC/SC suite beside it
 * stopped its pcscd). A link closed soon after its open, before pcscd's first listing, or one
 * whose pcscd is lost while it lists its readers, meets it.
 * Now such a reader's errors are heard and dropped, and it is closed as the context's own are.
 */
import { EMPTY, fakePcsc, until } from './fake-pcsclite.js';
import { PcscChipLink } from './pcsc-chip.link.js';

/** a few turns of the event loop: the teardown's closes run outside binding callbacks */
const turns = async (n = 5) => {
  for (let i = 0; i < n; i += 1) await new Promise((r) => setImmediate(r));
};

describe('PC/SC reader listed after its context was dropped', () => {
  it('fault: reader listed after pcscd was lost: not taken, closed, the new context serves', async () => {
    const { state, factory } = fakePcsc();
    const link = new PcscChipLink({ pcsclite: factory, reconnectIntervalMs: 10, closeTimeoutMs: 50 });
    await link.start(0);
    const first = state.contexts[0]!;
    first.emit('error', new Error('SCardGetStatusChange error: RPC transport error.(0x80100013)'));
    const late = first.add('Virtual PCD 00 00'); // the dropped context's listing, late
    expect(link.state()).toBe('offline');
    expect(() => late.emit('error', new Error('SCardGetStatusChange error'))).not.toThrow();
    late.emit('end');
    await turns();
    expect(late.closed).toBe(true);
    await until(link, 'noDevice'); // the retry's fresh context
    state.contexts.at(-1)!.add('Virtual PCD 00 00').status({ state: EMPTY });
    expect(link.state()).toBe('online');
    await link.close();
  });
});
