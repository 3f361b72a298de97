/**
 * Fault: a chip command asked while the card reader is lost (pcscd restarting, the reader's USB link
 * dropped, or back and its card not reported yet) failed at once DEVICE_OFFLINE: the resident's PIN
 * entered in the second or two pcscd takes to come back ended the journey, and a reader without a
 * motor could not even hand the card back then (left for staff). Such a loss moves no card: the
 * command now waits for the reader within `lostReaderWaitMs` (the daemon gives the profile's
 * positionWaitMs) and runs once the reader says where the card is; past the bound, or on the
 * caller's abort, it is refused DEVICE_OFFLINE as before, nothing kept listening. The real PC/SC
 * link and reader against a scripted pcsclite (its card answers 9000 to every command).
 */
import { describe, expect, it } from '@jest/globals';
import { SecurePin } from '../common/secure-pin.js';
import { EMPTY, PRESENT } from './fake-pcsclite.js';
import { ATR, readerWithCard } from './lost-presence-reader.spec-support.js';
import { untilReader } from './lost-reader-wait.js';

const pin = () => SecurePin.fromKeys([1, 2, 3, 4, 5, 6]);

/**
 * The reader's card events, and its status events when `withStatus`, as untilReader listens to them
 * (their payload unread), with the subscriptions made and not yet ended.
 */
function readerEvents(withStatus: boolean) {
  const listeners = new Set<() => void>();
  const on = (listener: () => void) => {
    const entry = () => listener(); // one entry a subscription, the same listener or not
    listeners.add(entry);
    return () => void listeners.delete(entry);
  };
  const port = { onCardEvent: on, ...(withStatus && { onStatus: on }) };
  return { listeners, port: port as unknown as Parameters<typeof untilReader>[0] };
}

describe('a chip command while the card reader is lost', () => {
  it('fault: the PIN entered while pcscd restarts waits for the reader and is checked by the card once it is back, not refused DEVICE_OFFLINE', async () => {
    const { r, pcscdDies, listedAgain } = await readerWithCard(5_000);
    pcscdDies();
    expect(r.status().device).toBe('offline');
    let settled = false;
    const verdict = r.verifyPin(pin()).finally(() => (settled = true));
    const back = await listedAgain();
    // listed again, the card not reported yet: still waiting
    await Promise.resolve();
    expect(settled).toBe(false);
    back.status({ state: PRESENT | (1 << 16), atr: ATR });
    await expect(verdict).resolves.toMatchObject({ result: 'ok' });
  });

  it('fault: the card read while pcscd is gone runs once the reader is back with the card', async () => {
    const { r, pcscdDies, listedAgain } = await readerWithCard(5_000);
    pcscdDies();
    const read = r.readCard();
    (await listedAgain()).status({ state: PRESENT | (3 << 16), atr: ATR });
    // the scripted card answers 9000 with no data: the read gets to the card and fails on its content
    await expect(read).rejects.not.toMatchObject({ code: 'DEVICE_OFFLINE' });
  });

  it('fault: the reader not back within the bound: DEVICE_OFFLINE, as without a wait', async () => {
    const { r, pcscdDies } = await readerWithCard(30);
    pcscdDies();
    await expect(r.verifyPin(pin())).rejects.toMatchObject({ code: 'DEVICE_OFFLINE' });
  });

  it('fault: the card gone when the reader is back: the command is refused as a card pulled out', async () => {
    const { r, pcscdDies, listedAgain } = await readerWithCard(5_000);
    pcscdDies();
    const verdict = r.verifyPin(pin());
    (await listedAgain()).status({ state: EMPTY | (2 << 16) });
    await expect(verdict).rejects.toMatchObject({ code: 'CARD_REMOVED' });
  });

  it('the session gives up (its abort): the wait ends at once, DEVICE_OFFLINE', async () => {
    const { r, pcscdDies } = await readerWithCard(60_000);
    pcscdDies();
    const stop = new AbortController();
    const verdict = r.verifyPin(pin(), stop.signal);
    stop.abort();
    await expect(verdict).rejects.toMatchObject({ code: 'DEVICE_OFFLINE' });
  });

  it('keeps no listener once the wait is over (back, past the bound, aborted), and waits for nothing where not lost', async () => {
    const { listeners, port } = readerEvents(true);
    let lost = true;
    const back = untilReader(port, () => !lost, { withinMs: 60_000 });
    expect(listeners.size).toBe(2);
    lost = false;
    for (const listener of [...listeners]) listener();
    await back;
    expect(listeners.size).toBe(0);
    lost = true;
    await untilReader(port, () => !lost, { withinMs: 5 });
    const stop = new AbortController();
    const aborted = untilReader(port, () => !lost, { withinMs: 60_000, signal: stop.signal });
    stop.abort();
    await aborted;
    expect(listeners.size).toBe(0);
    lost = false;
    expect(untilReader(port, () => !lost, { withinMs: 60_000 })).toBeUndefined();
    expect(listeners.size).toBe(0);
  });

  it('a reader without status events (a port giving card events only) is waited for at its card events, with no bound until its abort', async () => {
    const { listeners, port } = readerEvents(false);
    let said = false;
    const told = untilReader(port, () => said);
    expect(listeners.size).toBe(1);
    said = true;
    for (const listener of [...listeners]) listener();
    await told;
    expect(listeners.size).toBe(0);
    said = false;
    const stop = new AbortController();
    const stopped = untilReader(port, () => said, { signal: stop.signal });
    stop.abort();
    await stopped;
    expect(listeners.size).toBe(0);
  });
});
