/**
 * What the PC/SC card reader suites share: the day their cards are read on, a PIN as the pad gives
 * it and a visitor's card the demo set does not hold (the card reader specs' own,
 * `visitor-card.spec-support`), the wait for the reader's status to become a given one, the describe
 * of a suite on the real PC/SC stack, the suite's own pcscd and the customer's card reader on it.
 */
import { afterAll, beforeAll, describe, it } from '@jest/globals';
import {
  missingPcscStack,
  PcscCardReader,
  PcscdProcess,
  type PcscCardReaderOptions,
  type PcscdStartOptions,
} from '../../src/card-reader/index.js';
import type { DeviceStatus } from '@kiosk/domain';

export { pinOf, today, visitor } from '../../src/card-reader/visitor-card.spec-support.js';

/** Resolves once the reader's status is `device`; rejects naming the status it is after `ms`. */
export function waitForStatus(
  reader: PcscCardReader,
  device: DeviceStatus['device'],
  ms = 10_000,
): Promise<void> {
  if (reader.status().device === device) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      off();
      reject(new Error(`status never became ${device} (is ${reader.status().device})`));
    }, ms);
    const off = reader.onStatus((s) => {
      if (s.device !== device) return;
      clearTimeout(timer);
      off();
      resolve();
    });
  });
}

/**
 * The describe of a suite on the real PC/SC stack: `describe` where pcscd, vpcd and the pcsclite
 * binding are installed, else `describe.skip`; with CI=true a missing stack fails the run instead
 * of skipping it (a test of its own says what is missing).
 */
export function describeOnPcscStack(): typeof describe.skip {
  const missing = missingPcscStack();
  if (missing && process.env.CI === 'true') {
    describe('PC/SC stack in CI', () => {
      it('has pcscd, vpcd and the pcsclite binding', () => {
        throw new Error(`CI runs the PC/SC suite but ${missing}.`);
      });
    });
  }
  return missing ? describe.skip : describe;
}

/**
 * The suite's own pcscd with vpcd's two slots, for a describe on the real PC/SC stack: started in
 * the describe's `beforeAll`, stopped in its `afterAll`. pcscd is machine-wide, so suites that need
 * it take turns: the start waits up to 240 s for the lock, the hook longer than the lock does.
 * Call it in the describe's body; the function it returns gives the pcscd from that `beforeAll` on.
 */
export function pcscdForSuite(options: Pick<PcscdStartOptions, 'debug'> = {}): () => PcscdProcess {
  let pcscd: PcscdProcess | undefined;
  beforeAll(async () => {
    pcscd = await PcscdProcess.start({ ...options, lockTimeoutMs: 240_000 });
  }, 300_000);
  afterAll(async () => {
    await pcscd?.stop();
  });
  return () => {
    if (!pcscd) throw new Error("the suite's pcscd has not started (its beforeAll failed)");
    return pcscd;
  };
}

/**
 * The customer's card reader on `pcscd`'s first vpcd slot, opened (closed again if its open
 * throws): `options` on top of a new try every 200 ms while pcscd does not answer (the suites kill
 * and restart it). The suite closes it after its test.
 */
export async function readerOn(
  pcscd: PcscdProcess,
  options: Omit<PcscCardReaderOptions, 'vpcdPort' | 'readerName'>,
): Promise<PcscCardReader> {
  const reader = new PcscCardReader({
    vpcdPort: pcscd.ports[0],
    readerName: pcscd.readerNames[0],
    reconnectIntervalMs: 200,
    ...options,
  });
  try {
    await reader.open();
  } catch (e) {
    await reader.close();
    throw e;
  }
  return reader;
}
