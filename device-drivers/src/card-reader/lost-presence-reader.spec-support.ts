/**
 * A presence reader (no motor) holding the card on the real PC/SC link and reader against a
 * scripted pcsclite, for the specs of a reader lost mid-session: pcscd's death, and the reader
 * listed again once it is back (its first status, card or not, the caller's to give).
 */
import { afterEach } from '@jest/globals';
import { fakePcsc, PRESENT, until } from './fake-pcsclite.js';
import { PcscCardReader } from './pcsc-card-reader.driver.js';

export const ATR = Buffer.from([0x3b, 0x00]);
export const NAME = 'ACS ACR39U ICC Reader 00 00';
export const LOST = 'SCardGetStatusChange error: RPC transport error.(0x80100013)';

let reader: PcscCardReader | undefined;

afterEach(async () => {
  await reader?.close();
  reader = undefined;
});

/** The reader holding the card, waiting `lostReaderWaitMs` for itself when lost; closed after the test. */
export async function readerWithCard(lostReaderWaitMs: number, moveTimeoutMs?: number) {
  const pcsc = fakePcsc();
  const r = (reader = new PcscCardReader({
    pcsclite: pcsc.factory,
    mechanism: 'presence',
    startWaitMs: 1000,
    reconnectIntervalMs: 10,
    closeTimeoutMs: 20,
    lostReaderWaitMs,
    ...(moveTimeoutMs === undefined ? {} : { moveTimeoutMs }),
  }));
  const opened = r.open();
  pcsc.state.contexts[0]!.add(NAME).status({ state: PRESENT | (1 << 16), atr: ATR });
  await opened;
  const pcscdDies = () => pcsc.state.contexts.at(-1)!.emit('error', new Error(LOST));
  /** pcscd back: the reader listed again (its first status is the caller's to give) */
  const listedAgain = async () => {
    await until(r.link, 'noDevice');
    return pcsc.state.contexts.at(-1)!.add(NAME);
  };
  return { r, pcscdDies, listedAgain };
}
