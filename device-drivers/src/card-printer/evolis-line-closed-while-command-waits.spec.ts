/**
 * Fault: the card printer's line closed while a command waits for its reply left the command
 * waiting. Closing let the stream go but did not reject the command under way, so its 60 s
 * deadline kept running (a timer holding the process) and its promise settled only then, with
 * DEVICE_TIMEOUT, long after the printer was closed. Now closing rejects the waiting command at
 * once with DEVICE_OFFLINE, its deadline cleared, as a lost line does; the commands queued behind
 * it fail the same way. The line over a pair of in-memory stream ends whose far end never answers,
 * and the driver on the byte-level emulator over such a pair, the printer silent as it models it.
 */
import { jest } from '@jest/globals';
import { ErrorCode } from '@kiosk/domain';
import { eventually } from '@kiosk/domain/testing';
import { EvolisReplyLine } from './evolis-reply-line.js';
import { closePrinters, printerThatFallsSilent, streamPair } from './evolis-printer-rig.js';

afterEach(closePrinters);
afterEach(() => jest.useRealTimers());

/** How a promise has settled so far: its error's code, 'answered', or 'waiting'. */
function outcome(p: Promise<unknown>): () => string {
  let seen = 'waiting';
  p.then(
    () => (seen = 'answered'),
    (e: { code?: string }) => (seen = e.code ?? 'uncoded'),
  );
  return () => seen;
}

const turns = async (n = 5) => {
  for (let i = 0; i < n; i++) await new Promise<void>((r) => setImmediate(r));
};

describe('Evolis line closed while a command waits', () => {
  it('fault: line closed while a command waits for its reply: the command fails DEVICE_OFFLINE at once, its 60 s deadline cleared; the one queued behind it fails too', async () => {
    jest.useFakeTimers({ doNotFake: ['setImmediate', 'nextTick', 'queueMicrotask'] });
    const [ours] = streamPair();
    const line = new EvolisReplyLine(60_000);
    line.attach(ours, () => undefined);
    const waiting = outcome(line.exchange(Buffer.from('\x1bRse\r')));
    const queued = outcome(line.exchange(Buffer.from('\x1bRkc\r')));
    await turns();
    expect(jest.getTimerCount()).toBe(1); // the first command's deadline

    line.detach();
    await turns();

    expect(waiting()).toBe(ErrorCode.DEVICE_OFFLINE);
    expect(queued()).toBe(ErrorCode.DEVICE_OFFLINE);
    expect(jest.getTimerCount()).toBe(0);
  });

  it('fault: driver closed while its feed waits on a silent printer: the feed fails DEVICE_OFFLINE, not DEVICE_TIMEOUT at its deadline', async () => {
    const { driver, silence, sentOf } = await printerThatFallsSilent({ statusPollMs: 0 });
    silence();
    const feed = outcome(driver.feedToChipStation());
    await eventually(() => sentOf('Sis'), 'the feed sent to the silent printer', { withinMs: 5_000 });

    await driver.close();
    await turns();

    expect(feed()).toBe(ErrorCode.DEVICE_OFFLINE);
    expect(driver.status()).toMatchObject({ device: 'offline' });
  });
});
