/**
 * Fault: pcscd restarting (or the reader's USB link dropping and coming back) while a card lies in a
 * reader without a motor ("presence" mechanism) was told as card movements: the link read "no card"
 * when the context or the reader went, so the mechanism said 'removed' (a session in progress ended
 * as if the resident had pulled the card), and pcscd's first status when it came back said
 * 'inserted' (the idle kiosk handed the same card back as a stray card). Losing the reader is a
 * device fault, not a card movement: the position is 'unknown' while it is gone (the status
 * offline), and its first status when it is back says where the card is: 'sensed' when nothing
 * moved meanwhile; a card truly put in or pulled out while the reader was gone is told as that
 * move ('inserted', 'removed', 'taken'), as with the reader there. The real PC/SC link and reader
 * against a scripted pcsclite.
 */
import { afterEach, describe, expect, it } from '@jest/globals';
import { KioskError } from '@kiosk/domain';
import type { CardPosition } from './card-reader.port.js';
import { onChipGuarded } from './chip-command-guard.js';
import { EMPTY, fakePcsc, PRESENT, until } from './fake-pcsclite.js';
import { ATR, LOST, NAME } from './lost-presence-reader.spec-support.js';
import { PcscCardReader } from './pcsc-card-reader.driver.js';

let reader: PcscCardReader | undefined;

afterEach(async () => {
  await reader?.close();
  reader = undefined;
});

/** A presence reader online with the card `inside` (or none) as its first status said. */
async function presenceReader(inside: boolean) {
  const pcsc = fakePcsc();
  reader = new PcscCardReader({
    pcsclite: pcsc.factory,
    mechanism: 'presence',
    startWaitMs: 1000,
    reconnectIntervalMs: 10,
    closeTimeoutMs: 20,
  });
  const r = reader;
  const opened = r.open();
  const listed = pcsc.state.contexts[0]!.add(NAME);
  await opened;
  listed.status(inside ? { state: PRESENT | (1 << 16), atr: ATR } : { state: EMPTY | (1 << 16) });
  const events: string[] = [];
  r.onCardEvent((e) => events.push(e.type));
  /** pcscd dies: the context errors; it is back once the link has made a new one */
  const restartPcscd = async () => {
    pcsc.state.contexts.at(-1)!.emit('error', new Error(LOST));
    expect(r.status().device).toBe('offline');
    expect(r.cardPosition()).toBe('unknown');
    await until(r.link, 'noDevice');
    return pcsc.state.contexts.at(-1)!.add(NAME);
  };
  return { r, events, listed, restartPcscd };
}

describe('a card in a presence reader through a pcscd restart', () => {
  it('fault: pcscd restarts with the card in the reader: unknown while it is gone, then sensed in the reader; never removed nor inserted', async () => {
    const { r, events, restartPcscd } = await presenceReader(true);
    const back = await restartPcscd();
    expect(events).toEqual([]);
    expect(r.status().device).toBe('online');
    expect(r.cardPosition()).toBe('unknown');
    back.status({ state: PRESENT | (1 << 16), atr: ATR });
    expect(r.cardPosition()).toBe('inReader');
    expect(events).toEqual(['sensed']);
    // from then on it follows pcscd: the card pulled out is removed
    back.status({ state: EMPTY | (2 << 16) });
    expect(events).toEqual(['sensed', 'removed']);
  });

  it('fault: the reader unplugged and plugged again with the card in it: unknown, then sensed; never removed nor inserted', async () => {
    const pcsc = fakePcsc();
    const { r, events, listed } = await presenceReaderOn(pcsc);
    listed.emit('end');
    expect(r.status().device).toBe('noDevice');
    expect(r.cardPosition()).toBe('unknown');
    const again = pcsc.state.contexts[0]!.add(NAME);
    again.status({ state: PRESENT | (5 << 16), atr: ATR });
    expect(r.cardPosition()).toBe('inReader');
    expect(events).toEqual(['sensed']);
  });

  it('fault: a chip command while the reader is gone or not yet reported again is a device fault (DEVICE_OFFLINE), not a card pulled out', async () => {
    const { r, restartPcscd } = await presenceReader(true);
    const restarted = restartPcscd();
    await expect(r.readCard()).rejects.toMatchObject({ code: 'DEVICE_OFFLINE' });
    const back = await restarted;
    // listed again, its first status not in yet: where the card is is not known
    await expect(r.readCard()).rejects.toMatchObject({ code: 'DEVICE_OFFLINE' });
    await expect(r.eject()).rejects.toMatchObject({ code: 'DEVICE_OFFLINE' });
    back.status({ state: PRESENT | (1 << 16), atr: ATR });
    await r.eject();
    expect(r.cardPosition()).toBe('atSlot');
  });

  it('fault: a chip command cut short by the reader going (the link says the card is not connected) is a device fault, not a card pulled out', async () => {
    let where: CardPosition = 'inReader';
    const cut = onChipGuarded('online', { position: () => where }, async () => {
      where = 'unknown'; // pcscd went while the command ran
      throw new KioskError('CARD_REMOVED', 'The card is not connected.');
    });
    await expect(cut).rejects.toMatchObject({ code: 'DEVICE_OFFLINE' });
  });

  it('the card handed back at the slot and still there when pcscd is back: sensed at the slot, not taken', async () => {
    const { r, events, restartPcscd } = await presenceReader(true);
    await r.eject();
    const back = await restartPcscd();
    back.status({ state: PRESENT | (1 << 16), atr: ATR });
    expect(r.cardPosition()).toBe('atSlot');
    expect(events).toEqual(['ejected', 'sensed']);
    back.status({ state: EMPTY | (2 << 16) });
    expect(events).toEqual(['ejected', 'sensed', 'taken']);
  });

  it('an empty reader that comes back empty says so (sensed), and no card was inserted', async () => {
    const { r, events, restartPcscd } = await presenceReader(false);
    const back = await restartPcscd();
    back.status({ state: EMPTY | (1 << 16) });
    expect(r.cardPosition()).toBe('none');
    expect(events).toEqual(['sensed']);
  });

  it('a card truly moved while the reader was gone is told as that move: put in (inserted), pulled out (removed)', async () => {
    const empty = await presenceReader(false);
    const back = await empty.restartPcscd();
    back.status({ state: PRESENT | (1 << 16), atr: ATR });
    expect(empty.r.cardPosition()).toBe('inReader');
    expect(empty.events).toEqual(['inserted']);
    await empty.r.close();

    const full = await presenceReader(true);
    const backEmpty = await full.restartPcscd();
    backEmpty.status({ state: EMPTY | (1 << 16) });
    expect(full.r.cardPosition()).toBe('none');
    expect(full.events).toEqual(['removed']);
  });
});

/** As `presenceReader(true)`, on a pcsclite the spec holds. */
async function presenceReaderOn(pcsc: ReturnType<typeof fakePcsc>) {
  reader = new PcscCardReader({ pcsclite: pcsc.factory, mechanism: 'presence', startWaitMs: 1000 });
  const r = reader;
  const opened = r.open();
  const listed = pcsc.state.contexts[0]!.add(NAME);
  await opened;
  listed.status({ state: PRESENT | (1 << 16), atr: ATR });
  const events: string[] = [];
  r.onCardEvent((e) => events.push(e.type));
  return { r, events, listed };
}
