/**
 * Fault: a card in a reader without a motor ("presence" mechanism), listed by pcscd only after the
 * reader's open (a USB reader enumerating late after a crash or power loss), or listed and not yet
 * reported (pcscd lists a reader before its status thread's first status: the link's `adopt` goes
 * online at the listing), read as no card: `cardPosition()` said 'none' until that first status, so
 * boot recovery took the cut-short session's card for gone, and the first status then told
 * 'inserted', which the daemon hands back as a stray card. Now the position is 'unknown' until the
 * reader's first status, which says where the card is with 'sensed' (no card moved), card or not.
 * The real PC/SC link and reader against a scripted pcsclite.
 */
import { AutoCardReader } from './auto-card-reader.js';
import { EMPTY, fakePcsc, PRESENT } from './fake-pcsclite.js';
import { PcscCardReader } from './pcsc-card-reader.driver.js';

const ATR = Buffer.from([0x3b, 0x00]);

function presenceReader(startWaitMs: number) {
  const { state, factory } = fakePcsc();
  const reader = new PcscCardReader({
    pcsclite: factory,
    mechanism: 'presence',
    startWaitMs,
    closeTimeoutMs: 50,
  });
  const events: string[] = [];
  reader.onCardEvent((e) => events.push(e.type));
  return { state, reader, events };
}

describe('card in a late-listed presence reader', () => {
  it('listed at open, its first status not in yet (the adopt race): unknown, not none; then the card in it, sensed, never inserted', async () => {
    const { state, reader, events } = presenceReader(1000);
    const opened = reader.open();
    const listed = state.contexts[0]!.add('ACS ACR39U ICC Reader 00 00');
    await opened;
    expect(reader.status().device).toBe('online');
    expect(reader.cardPosition()).toBe('unknown');
    await expect(reader.eject()).rejects.toMatchObject({ code: 'DEVICE_OFFLINE' });

    listed.status({ state: PRESENT | (1 << 16), atr: ATR });
    expect(reader.cardPosition()).toBe('inReader');
    expect(events).toEqual(['sensed']);
    // from then on it follows pcscd: pulled out, put in again
    listed.status({ state: EMPTY | (2 << 16) });
    listed.status({ state: PRESENT | (3 << 16), atr: ATR });
    expect(events).toEqual(['sensed', 'removed', 'inserted']);
    await reader.close();
  });

  it('listed after the open gave up waiting: unknown until its first status, which may say no card (sensed, none)', async () => {
    const { state, reader, events } = presenceReader(0);
    await reader.open();
    expect(reader.status().device).toBe('noDevice');
    expect(reader.cardPosition()).toBe('unknown');

    const listed = state.contexts[0]!.add('ACS ACR39U ICC Reader 00 00');
    expect(reader.status().device).toBe('online');
    expect(reader.cardPosition()).toBe('unknown');
    listed.status({ state: EMPTY | (1 << 16) });
    expect(reader.cardPosition()).toBe('none');
    expect(events).toEqual(['sensed']);
    // a second empty status is no news
    listed.status({ state: EMPTY | (1 << 16) });
    expect(events).toEqual(['sensed']);
    await reader.close();
  });

  it('listed late with the card inside: sensed in the reader, never inserted', async () => {
    const { state, reader, events } = presenceReader(0);
    await reader.open();
    const listed = state.contexts[0]!.add('ACS ACR39U ICC Reader 00 00');
    listed.status({ state: PRESENT | (1 << 16), atr: ATR });
    expect(reader.cardPosition()).toBe('inReader');
    expect(events).toEqual(['sensed']);
    await reader.close();
  });

  it('the auto reader before it chose a reader says unknown, not none', () => {
    expect(new AutoCardReader({ driver: 'auto' }).cardPosition()).toBe('unknown');
  });
});
