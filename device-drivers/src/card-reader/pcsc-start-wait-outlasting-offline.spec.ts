/**
 * The fault: a PC/SC link's `start` waiting for its reader (the card printer's chip station at a
 * self test, the card reader at open) sat out its whole wait when pcscd was lost meanwhile, though
 * nothing could be listed before the context's next try. Now the wait ends at once with the link
 * offline; a reader merely not listed yet ('noDevice') is still waited for. Against a fake pcsclite:
 * what pcscd does is scripted, and "at once" is before the event loop turns, no clock read.
 */
import { ChipStation } from '../card-printer/chip-station.js';
import { fakePcsc } from './fake-pcsclite.js';
import { PcscChipLink } from './pcsc-chip.link.js';

const LONG_WAIT_MS = 60_000;
/** pcscd's context lost: what pcsclite says when the service died under it */
const contextLost = () => new Error('SCardGetStatusChange error: Service not available.(0x8010001d)');

/** What `work` came to once the event loop has turned, or 'still waiting'. */
async function settledNow<T>(work: Promise<T>): Promise<T | 'still waiting'> {
  const turn = new Promise<'still waiting'>((resolve) => setImmediate(() => resolve('still waiting')));
  return Promise.race([work, turn]);
}

function pcscdUp() {
  const { state, factory } = fakePcsc();
  // no retry within the test: the context lost stays lost
  const link = new PcscChipLink({ pcsclite: factory, reconnectIntervalMs: LONG_WAIT_MS, closeTimeoutMs: 50 });
  return { state, link };
}

describe('a PC/SC start waiting for its reader while pcscd is lost', () => {
  it('start wait outlasting offline: pcscd lost during the wait ends it at once, offline', async () => {
    const { state, link } = pcscdUp();
    try {
      const started = link.start(LONG_WAIT_MS);
      expect(link.state()).toBe('noDevice');
      state.contexts[0]!.emit('error', contextLost());
      expect(await settledNow(started)).toBe('offline');
    } finally {
      await link.close();
    }
  });

  it("start wait outlasting offline: the chip station's check answers its fault at once, pcscd not answering", async () => {
    const { state, link } = pcscdUp();
    const station = new ChipStation(link, { readerName: 'Printer Station 00 00' });
    try {
      const checked = station.check(LONG_WAIT_MS);
      state.contexts[0]!.emit('error', contextLost());
      const fault = await settledNow(checked);
      expect(fault).toMatchObject({ code: 'DEVICE_OFFLINE' });
      expect(fault === 'still waiting' ? '' : fault?.message).toContain(
        'the PC/SC service (pcscd) does not answer',
      );
    } finally {
      await link.close();
    }
  });

  it('a reader not listed yet is still waited for: listed during the wait, it ends it online', async () => {
    const { state, link } = pcscdUp();
    try {
      const started = link.start(LONG_WAIT_MS);
      expect(await settledNow(started)).toBe('still waiting');
      expect(link.state()).toBe('noDevice');
      state.contexts[0]!.add('Virtual PCD 00 00');
      expect(await settledNow(started)).toBe('online');
    } finally {
      await link.close();
    }
  });

  it('a start the caller aborts rejects with its reason, whatever pcscd does after', async () => {
    const { state, link } = pcscdUp();
    try {
      const caller = new AbortController();
      const started = link.start(LONG_WAIT_MS, caller.signal);
      caller.abort(new Error('shutting down'));
      await expect(started).rejects.toThrow('shutting down');
      state.contexts[0]!.emit('error', contextLost());
      expect(link.state()).toBe('offline');
    } finally {
      await link.close();
    }
  });
});
