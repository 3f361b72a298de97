/**
 * Fault: the PC/SC link said every loss of its context. pcscd restarting in a loop (a context set
 * up and lost at once) wrote "context lost ... re-establishing" and "re-established" at every turn,
 * a pair of lines a minute at the backoff's bound for as long as it lasted, and the return did not
 * say how long the link had been down. Now an outage is said once per code as it meets it and its
 * return once, with how long (`PcscOutageLog`, `outageLength`), as the daemon's device reopen says a
 * device's; an outage lasts until a context holds as long as the backoff's bound. The link
 * against the scripted pcsclite on a simulated clock (one unit: what it logs when).
 */
import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { fakePcsc } from './fake-pcsclite.js';
import { PcscChipLink } from './pcsc-chip.link.js';

const LOST = 'SCardGetStatusChange error: RPC transport error.(0x80100013)';
const WAITS = 'retrying after 1000 ms, backing off to 8000 ms';

let link: PcscChipLink | undefined;

beforeEach(() => {
  jest.useFakeTimers({ now: 0, doNotFake: ['nextTick', 'queueMicrotask', 'setImmediate'] });
});

afterEach(async () => {
  await link?.close();
  link = undefined;
  jest.useRealTimers();
});

function linkOn(pcsc: ReturnType<typeof fakePcsc>) {
  const lines: string[] = [];
  link = new PcscChipLink({
    pcsclite: pcsc.factory,
    reconnectIntervalMs: 1_000,
    maxReconnectIntervalMs: 8_000,
    closeTimeoutMs: 10,
    log: (m) => lines.push(m),
  });
  const lose = (error = LOST) => pcsc.state.contexts.at(-1)!.emit('error', new Error(error));
  return { link, lines, lose };
}

describe('what the PC/SC link says of its outages', () => {
  it('fault: pcscd restarting in a loop: the loss said once and the return once with how long, not at every turn', async () => {
    const pcsc = fakePcsc();
    const { link, lines, lose } = linkOn(pcsc);
    const started = link.start(0); // waits its 0 ms on the simulated clock
    await jest.advanceTimersByTimeAsync(0);
    expect(await started).toBe('noDevice');
    for (const wait of [0, 1_000, 2_000, 4_000, 8_000]) {
      await jest.advanceTimersByTimeAsync(wait);
      expect(link.state()).toBe('noDevice'); // set up again, and lost at once
      lose();
    }
    await jest.advanceTimersByTimeAsync(8_000);
    expect(link.state()).toBe('noDevice');
    expect(lines).toEqual([
      'PC/SC context lost (80100013); re-establishing',
      'PC/SC context re-established after 1 s down',
    ]);
  });

  it('fault: pcscd down for long, then up: its return says how long it was down', async () => {
    const pcsc = fakePcsc();
    pcsc.state.up = false;
    const { link, lines } = linkOn(pcsc);
    const started = link.start(0);
    await jest.advanceTimersByTimeAsync(0);
    expect(await started).toBe('offline');
    await jest.advanceTimersByTimeAsync(1_000 + 2_000 + 4_000 + 8_000 + 8_000);
    pcsc.state.up = true;
    await jest.advanceTimersByTimeAsync(8_000); // asked at 31 s
    expect(link.state()).toBe('noDevice');
    expect(lines).toEqual([
      `PC/SC context not available (8010001d); ${WAITS}`,
      'PC/SC context re-established after 31 s down',
    ]);
  });

  it('a new code within the outage is said, and the return after it; a context that held the bound ends the outage', async () => {
    const pcsc = fakePcsc();
    const { link, lines, lose } = linkOn(pcsc);
    const started = link.start(0);
    await jest.advanceTimersByTimeAsync(0);
    await started;
    lose();
    await jest.advanceTimersByTimeAsync(1_000); // back at 1 s
    lose('SCardGetStatusChange error: Service was stopped.(0x8010001e)'); // another code, at once
    await jest.advanceTimersByTimeAsync(2_000); // back at 3 s, and holds
    await jest.advanceTimersByTimeAsync(8_000);
    lose(); // at 11 s: a new outage, said again
    await jest.advanceTimersByTimeAsync(1_000);
    expect(link.state()).toBe('noDevice');
    expect(lines).toEqual([
      'PC/SC context lost (80100013); re-establishing',
      'PC/SC context re-established after 1 s down',
      'PC/SC context lost (8010001e); re-establishing',
      'PC/SC context re-established after 3 s down',
      'PC/SC context lost (80100013); re-establishing',
      'PC/SC context re-established after 1 s down',
    ]);
  });
});
