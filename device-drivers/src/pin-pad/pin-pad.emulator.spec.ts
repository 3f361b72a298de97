import { jest } from '@jest/globals';
import { ErrorCode, KioskError } from '@kiosk/domain';
import { PinPadEmulator } from './pin-pad.emulator.js';
import type { PinPadKey, PinPadKeyEvent } from './pin-pad.port.js';

async function openPad(): Promise<PinPadEmulator> {
  const pad = new PinPadEmulator();
  await pad.open();
  return pad;
}

function type(pad: PinPadEmulator, keys: string): void {
  for (const k of keys) pad.press(k as PinPadKey);
}

function reveal(result: Awaited<ReturnType<PinPadEmulator['collectPin']>>): string {
  if (result.result !== 'entered') throw new Error(`expected a PIN, got ${result.result}`);
  return result.pin.useDigits((d) => Array.from(d).join(''));
}

describe('PinPadEmulator', () => {
  it('collects six digits and hands them over as a SecurePin on enter', async () => {
    const pad = await openPad();
    const pending = pad.collectPin({ length: 6 });
    type(pad, '147258');
    pad.press('enter');
    const result = await pending;
    expect(reveal(result)).toBe('147258');
    expect(pad.collecting).toBe(false);
  });

  it('ignores enter before the PIN is complete and digits beyond its length', async () => {
    const pad = await openPad();
    const pending = pad.collectPin({ length: 6 });
    type(pad, '1472');
    expect(pad.press('enter')).toBe(true); // taken, but only beeps
    expect(pad.collecting).toBe(true);
    type(pad, '5839'); // '9' is one digit too many
    pad.press('enter');
    expect(reveal(await pending)).toBe('147258');
  });

  it('starts over after clear', async () => {
    const pad = await openPad();
    const pending = pad.collectPin({ length: 6 });
    type(pad, '999');
    pad.press('clear');
    type(pad, '258369');
    pad.press('enter');
    expect(reveal(await pending)).toBe('258369');
  });

  it('resolves cancelled when the resident presses cancel', async () => {
    const pad = await openPad();
    const pending = pad.collectPin({ length: 6 });
    type(pad, '12');
    pad.press('cancel');
    await expect(pending).resolves.toEqual({ result: 'cancelled' });
  });

  it('resolves cancelled when the session aborts the collection', async () => {
    const pad = await openPad();
    const controller = new AbortController();
    const pending = pad.collectPin({ length: 6, signal: controller.signal });
    type(pad, '12');
    controller.abort();
    await expect(pending).resolves.toEqual({ result: 'cancelled' });
    expect(pad.press('3')).toBe(false);
  });

  it('resolves cancelled at once for an already aborted signal', async () => {
    const pad = await openPad();
    await expect(pad.collectPin({ length: 6, signal: AbortSignal.abort() })).resolves.toEqual({
      result: 'cancelled',
    });
  });

  it('times out after the given time without a key, the timer restarting on each key', async () => {
    jest.useFakeTimers();
    try {
      const pad = await openPad();
      const pending = pad.collectPin({ length: 6, timeoutMs: 30_000 });
      jest.advanceTimersByTime(20_000);
      pad.press('1');
      jest.advanceTimersByTime(20_000);
      expect(pad.collecting).toBe(true);
      jest.advanceTimersByTime(10_000);
      await expect(pending).resolves.toEqual({ result: 'timeout' });
    } finally {
      jest.useRealTimers();
    }
  });

  it('refuses a second collection while one runs (device busy)', async () => {
    const pad = await openPad();
    const first = pad.collectPin({ length: 6 });
    await expect(pad.collectPin({ length: 6 })).rejects.toMatchObject({ code: ErrorCode.DEVICE_BUSY });
    pad.press('cancel');
    await expect(first).resolves.toEqual({ result: 'cancelled' });
  });

  it('refuses an impossible PIN length with a coded error', async () => {
    const pad = await openPad();
    await expect(pad.collectPin({ length: 3 })).rejects.toMatchObject({
      code: ErrorCode.DEVICE_PROTOCOL_ERROR,
    });
  });

  it('discards keys pressed while no PIN is collected', async () => {
    const pad = await openPad();
    const events: PinPadKeyEvent[] = [];
    pad.onKey((e) => events.push(e));
    expect(pad.press('5')).toBe(false);
    expect(events).toEqual([]);
  });

  describe('fault: offline', () => {
    it('refuses to collect while offline', async () => {
      const pad = await openPad();
      pad.setFault('offline');
      expect(pad.status().device).toBe('offline');
      await expect(pad.collectPin({ length: 6 })).rejects.toMatchObject({ code: ErrorCode.DEVICE_OFFLINE });
      pad.setFault(null);
      expect(pad.status().device).toBe('online');
    });

    it('fails a collection in progress and forgets its digits', async () => {
      const pad = await openPad();
      const statuses: string[] = [];
      pad.onStatus((s) => statuses.push(s.device));
      const pending = pad.collectPin({ length: 6 });
      type(pad, '123');
      pad.setFault('offline');
      await expect(pending).rejects.toMatchObject({ code: ErrorCode.DEVICE_OFFLINE });
      expect(statuses).toEqual(['offline']);
      pad.setFault(null);
      const again = pad.collectPin({ length: 6 });
      type(pad, '147258');
      pad.press('enter');
      expect(reveal(await again)).toBe('147258');
    });

    it('is offline until opened', async () => {
      const pad = new PinPadEmulator();
      expect(pad.status().device).toBe('offline');
      await expect(pad.collectPin({ length: 6 })).rejects.toMatchObject({ code: ErrorCode.DEVICE_OFFLINE });
    });
  });
});

describe('PinPadEmulator one-time key channel (demo UI pad)', () => {
  it('takes keys only on the channel of the running collection, never on a stale one', async () => {
    const pad = await openPad();
    const channels: string[] = [];
    const events: string[] = [];
    pad.onChannel((e) => {
      events.push(e.state);
      if (e.state === 'open') channels.push(e.channel);
    });
    const first = pad.collectPin({ length: 6 });
    const [one] = channels;
    if (!one) throw new Error('no channel');
    expect(pad.pressOnChannel('forged', '1')).toBe(false);
    for (const k of '147258') expect(pad.pressOnChannel(one, k as PinPadKey)).toBe(true);
    pad.pressOnChannel(one, 'enter');
    expect(reveal(await first)).toBe('147258');
    expect(pad.pressOnChannel(one, '1')).toBe(false); // the channel died with its collection

    const second = pad.collectPin({ length: 6 });
    const two = channels[1];
    expect(two).toBeDefined();
    expect(two).not.toBe(one);
    expect(pad.pressOnChannel(one, 'cancel')).toBe(false);
    pad.pressOnChannel(two ?? '', 'cancel');
    await expect(second).resolves.toEqual({ result: 'cancelled' });
    expect(events).toEqual(['open', 'closed', 'open', 'closed']);
  });
});

describe('PIN privacy on the PIN pad path', () => {
  it('no key event ever carries a digit value, only the count entered', async () => {
    const pad = await openPad();
    const events: PinPadKeyEvent[] = [];
    pad.onKey((e) => events.push(e));
    const pending = pad.collectPin({ length: 6 });
    type(pad, '789987'); // digits that never equal a count 0..6
    pad.press('clear');
    type(pad, '987789');
    pad.press('enter');
    const result = await pending;
    for (const e of events) expect(Object.keys(e).sort()).toEqual(['entered', 'kind']);
    expect(events.map((e) => e.entered)).toEqual([1, 2, 3, 4, 5, 6, 0, 1, 2, 3, 4, 5, 6, 6]);
    expect(JSON.stringify(events)).not.toMatch(/[789]/);
    expect(JSON.stringify(result)).toBe('{"result":"entered","pin":"[pin]"}');
  });

  it('no error message or detail ever carries a digit', async () => {
    const pad = await openPad();
    const errors: unknown[] = [];
    const capture = (p: Promise<unknown>) => p.catch((e: unknown) => errors.push(e));
    await capture(pad.collectPin({ length: 2 }));
    const first = pad.collectPin({ length: 6 });
    type(pad, '4711');
    await capture(pad.collectPin({ length: 6 }));
    pad.setFault('offline');
    await capture(first);
    await capture(pad.collectPin({ length: 6 }));
    expect(errors).toHaveLength(4);
    for (const e of errors) {
      expect(e).toBeInstanceOf(KioskError);
      const text = JSON.stringify(e) + String((e as Error).message) + String((e as Error).stack);
      expect((e as Error).message).not.toMatch(/\d/);
      expect(JSON.stringify((e as KioskError).toJSON())).not.toMatch(/\d/);
      expect(text).not.toContain('4711');
    }
  });

  it('refuses an unknown emulated fault with a coded error', async () => {
    const device = await openPad();
    expect(() => device.setFault('meltdown' as never)).toThrow(
      expect.objectContaining({ code: ErrorCode.INTERNAL }),
    );
  });
});
