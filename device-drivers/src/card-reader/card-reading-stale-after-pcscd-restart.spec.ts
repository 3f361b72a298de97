/**
 * Fault: a motor reader's card read as no card after a pcscd restart. After the mechanism moves a
 * card off the contacts, the link takes a "present" with the event counter of the card that left
 * as stale (pcscd has not polled yet). pcscd starts its event counter over when it restarts, so
 * when it died before its next poll and came back with the next card on the contacts, that card's
 * counter could equal the one kept from the old pcscd: it read as no card, and every connect to it
 * waited the whole presence wait before connecting anyway. The counters are pcscd's: losing it (or
 * the reader) forgets them, and the new pcscd's first status is taken as it says. The real PC/SC
 * link against a scripted pcsclite.
 */
import { afterEach, describe, expect, it } from '@jest/globals';
import { EMPTY, fakePcsc, PRESENT, until } from './fake-pcsclite.js';
import { PcscChipLink } from './pcsc-chip.link.js';

const ATR = Buffer.from([0x3b, 0x00]);
const NAME = 'Virtual PCD 00 00';
const LOST = 'SCardGetStatusChange error: RPC transport error.(0x80100013)';
const counter = (n: number) => n << 16;

let link: PcscChipLink | undefined;

afterEach(async () => {
  await link?.close();
  link = undefined;
});

/** A motor reader's link online with a card on the contacts at pcscd's counter 1. */
async function linkWithCard() {
  const pcsc = fakePcsc();
  const lines: string[] = [];
  const l = new PcscChipLink({
    pcsclite: pcsc.factory,
    reconnectIntervalMs: 10,
    closeTimeoutMs: 20,
    presenceWaitMs: 100,
    log: (m) => lines.push(m),
  });
  link = l;
  const started = l.start(1000);
  const reader = pcsc.state.contexts[0]!.add(NAME);
  await started;
  reader.status({ state: PRESENT | counter(1), atr: ATR });
  const heard: (boolean | undefined)[] = [];
  l.onPresence((p) => heard.push(p));
  /** pcscd dies; it is back, its reader listed, once the link has made a new context */
  const restartPcscd = async () => {
    pcsc.state.contexts.at(-1)!.emit('error', new Error(LOST));
    await until(l, 'noDevice');
    return pcsc.state.contexts.at(-1)!.add(NAME);
  };
  return { l, lines, heard, reader, restartPcscd };
}

describe('a card reading stale after a pcscd restart', () => {
  it('fault: card ejected, pcscd restarts before its next poll, the next card at the same counter is read', async () => {
    const { l, lines, heard, restartPcscd } = await linkWithCard();
    l.cardLeft(); // the mechanism ejected the card; pcscd has not polled yet
    expect(heard).toEqual([false]);
    const back = await restartPcscd();
    // the new pcscd counts from its start: the next card happens to have the old card's counter
    back.status({ state: PRESENT | counter(1), atr: ATR });
    expect(heard).toEqual([false, undefined, true]);
    expect(await l.connect()).toEqual(ATR);
    expect(lines.filter((m) => m.includes('connecting anyway'))).toEqual([]);
  });

  it('without a restart, the ejected card still reported at its counter stays no card until pcscd counts a card', async () => {
    const { l, heard, reader } = await linkWithCard();
    l.cardLeft();
    reader.status({ state: PRESENT | counter(1), atr: ATR }); // pcscd has not polled since the eject
    expect(heard).toEqual([false]);
    reader.status({ state: EMPTY | counter(2) });
    reader.status({ state: PRESENT | counter(3), atr: ATR });
    expect(heard).toEqual([false, true]);
  });

  it('fault: the reader unplugged and plugged again after the eject: the next card at the same counter is read', async () => {
    const pcsc = fakePcsc();
    const l = new PcscChipLink({ pcsclite: pcsc.factory, closeTimeoutMs: 20 });
    link = l;
    const started = l.start(1000);
    const reader = pcsc.state.contexts[0]!.add(NAME);
    await started;
    reader.status({ state: PRESENT | counter(1), atr: ATR });
    l.cardLeft();
    reader.emit('end');
    const again = pcsc.state.contexts[0]!.add(NAME);
    const heard: (boolean | undefined)[] = [];
    l.onPresence((p) => heard.push(p));
    again.status({ state: PRESENT | counter(1), atr: ATR });
    expect(heard).toEqual([true]);
  });
});
