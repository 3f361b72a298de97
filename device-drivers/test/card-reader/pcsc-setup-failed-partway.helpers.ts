/**
 * What pcsc-setup-failed-partway arms and waits with: the real binding whose next context fails
 * partway through its set-up (listing its readers), the status of a link that heard pcscd die, and
 * the wait for a status a device pushes.
 */
import type { DeviceStatus } from '@kiosk/domain';
import type { PcscContext, PcscContextMaker } from '../../src/card-reader/index.js';

/** what the binding throws partway: SCARD_F_INTERNAL_ERROR, coded DEVICE_HARDWARE_ERROR */
const PARTWAY = 'SCardListReaders error: Internal error.(0x80100001)';

/**
 * The real binding, whose next context, once armed, fails partway through its set-up (every
 * context while `keepFailing`); `made` says of each failed one when it was made and if it closed.
 */
export function bindingFailingPartway(real: PcscContextMaker) {
  const fault = { armed: false, keepFailing: false, made: [] as { closed: boolean; at?: number }[] };
  const factory: PcscContextMaker = async (signal) => {
    const context = await real(signal); // a real connection to pcscd, asked first
    if (!fault.armed && !fault.keepFailing) return context;
    fault.armed = false;
    const made: { closed: boolean; at?: number } = { closed: false };
    if (fault.keepFailing) made.at = performance.now();
    fault.made.push(made);
    const on = context.on.bind(context) as (event: string, listener: unknown) => PcscContext;
    const close = context.close.bind(context);
    return Object.assign(context, {
      on(event: string, listener: unknown) {
        if (event === 'reader') throw new Error(PARTWAY);
        return on(event, listener);
      },
      close() {
        made.closed = true;
        close();
      },
    });
  };
  return { fault, factory };
}

/**
 * The link heard pcscd die (its context lost), not only its reader gone: pcsclite may end the
 * reader a moment before the context's error, the station then offline with its reader missing
 * while the context is still held, and a self test then waits for the reader, not for pcscd.
 */
export function pcscdHeardDown(s: DeviceStatus): boolean {
  return s.device === 'offline' && (s.fault?.message ?? '').includes('(pcscd) does not answer');
}

/** Resolves with the first status `device` pushes that `wanted` accepts, within `ms`. */
export function pushed<S extends DeviceStatus>(
  device: { onStatus(listener: (s: S) => void): () => void },
  wanted: (s: S) => boolean,
  ms = 15_000,
): Promise<S> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => (off(), reject(new Error('no such status was pushed'))), ms);
    const off = device.onStatus((s) => {
      if (!wanted(s)) return;
      clearTimeout(timer);
      off();
      resolve(s);
    });
  });
}
