/**
 * Fault: pcscd dying while the link's context waited for its answer (its status read under way,
 * as just after the reader came online) was told as a hardware fault of the card reader.
 * libpcsclite says pcscd closing the connection unanswered as an access denied
 * (SCARD_W_SECURITY_VIOLATION, 0x8010006A), which the link coded DEVICE_HARDWARE_ERROR: the reader
 * read offline with DEVICE_HARDWARE_ERROR for pcscd gone, and a set-up failing partway once pcscd
 * was back (DEVICE_HARDWARE_ERROR too, its own cause) was never pushed, the code unchanged (seen
 * in pcsc-setup-failed-partway under a whole run's load). Now a hang-up is pcscd not reachable,
 * DEVICE_OFFLINE with its PC/SC code, as the set-up's own ask says of a pcscd hanging up
 * (`askingPcscdFirst`). The reader on the real link against the scripted pcsclite.
 */
import { afterEach, describe, expect, it } from '@jest/globals';
import { ErrorCode, type DeviceStatus } from '@kiosk/domain';
import { fakePcsc, until } from './fake-pcsclite.js';
import { PcscCardReader } from './pcsc-card-reader.driver.js';
import type { PcscContextMaker } from './pcsclite.types.js';

const NAME = 'ACS ACR39U ICC Reader 00 00';
const HUNG_UP = 'SCardGetStatusChange error: Access denied.(0x8010006a)';
const PARTWAY = 'SCardListReaders error: Internal error.(0x80100001)';

let reader: PcscCardReader | undefined;

afterEach(async () => {
  await reader?.close();
  reader = undefined;
});

describe('pcscd gone while the link waited for its answer', () => {
  it('fault: pcscd died mid-answer (access denied, 0x8010006A): the reader offline as pcscd not reachable, not a hardware fault; the set-up failing partway after it pushed with its code', async () => {
    const pcsc = fakePcsc();
    const next = { partway: false };
    // the binding's next context throws partway through its set-up, once armed
    const factory: PcscContextMaker = () => {
      const context = pcsc.factory();
      if (!next.partway) return context;
      next.partway = false;
      return Object.assign(context, {
        on(event: string) {
          if (event === 'reader') throw new Error(PARTWAY);
          return context;
        },
      });
    };
    const r = (reader = new PcscCardReader({
      pcsclite: factory,
      mechanism: 'presence',
      startWaitMs: 1000,
      reconnectIntervalMs: 10,
      maxReconnectIntervalMs: 10,
      closeTimeoutMs: 20,
    }));
    const opened = r.open();
    pcsc.state.contexts[0]!.add(NAME);
    await opened;
    expect(r.status().device).toBe('online');
    const pushed: DeviceStatus[] = [];
    r.onStatus((s) => pushed.push(s));

    next.partway = true;
    pcsc.state.contexts.at(-1)!.emit('error', new Error(HUNG_UP));
    expect(r.status()).toMatchObject({
      device: 'offline',
      fault: {
        code: ErrorCode.DEVICE_OFFLINE,
        message: expect.stringContaining('(DEVICE_OFFLINE, PC/SC 0x8010006A)'),
      },
    });
    await until(r.link, 'noDevice'); // the partway set-up, then a fresh one
    pcsc.state.contexts.at(-1)!.add(NAME);
    expect(pushed.map((s) => [s.device, s.fault?.code])).toEqual([
      ['offline', ErrorCode.DEVICE_OFFLINE],
      ['offline', ErrorCode.DEVICE_HARDWARE_ERROR],
      ['noDevice', ErrorCode.DEVICE_OFFLINE],
      ['online', undefined],
    ]);
    expect(pushed[1]?.fault?.message).toContain('(DEVICE_HARDWARE_ERROR, PC/SC 0x80100001)');
  });
});
