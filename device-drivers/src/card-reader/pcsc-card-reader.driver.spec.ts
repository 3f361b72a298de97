/** The PC/SC card reader on a plain reader (no motor): presence from pcscd, against a fake pcsclite. */
import { PcscCardReader } from './pcsc-card-reader.driver.js';
import { EMPTY, fakePcsc, PRESENT } from './fake-pcsclite.js';

describe('PcscCardReader with a plain reader (presence mechanism)', () => {
  it('follows pcscd: inserted, ejected, taken; refuses to retract without a capture bin', async () => {
    const { state, factory } = fakePcsc();
    const reader = new PcscCardReader({
      pcsclite: factory,
      mechanism: 'presence',
      startWaitMs: 1000,
      closeTimeoutMs: 50,
    });
    const opened = reader.open();
    const pcscReader = state.contexts[0]!.add('ACS ACR39U ICC Reader 00 00');
    await opened;
    const events: string[] = [];
    reader.onCardEvent((e) => events.push(e.type));
    // its first status: the reader empty (where the card is known: sensed)
    pcscReader.status({ state: EMPTY | (1 << 16) });
    pcscReader.status({ state: PRESENT | (1 << 16), atr: Buffer.from([0x3b, 0x00]) });
    expect(reader.cardPosition()).toBe('inReader');
    await expect(reader.retract()).rejects.toMatchObject({ code: 'DEVICE_HARDWARE_ERROR' });
    await reader.eject();
    expect(reader.cardPosition()).toBe('atSlot');
    pcscReader.status({ state: EMPTY | (2 << 16) });
    expect(events).toEqual(['sensed', 'inserted', 'ejected', 'taken']);
    pcscReader.status({ state: PRESENT | (3 << 16) });
    pcscReader.status({ state: EMPTY | (4 << 16) });
    expect(events.slice(4)).toEqual(['inserted', 'removed']);
    await reader.close();
  });
});
