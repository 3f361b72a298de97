/**
 * What pcsc-card-reader's cases share: the day its cards are read on, a PIN as the pad gives it and
 * a visitor's card the demo set does not hold (the card reader specs' own, `visitor-card.spec-support`),
 * the wait for the reader's status to become a given one, and the describe of a suite on the real
 * PC/SC stack.
 */
import { describe, it } from '@jest/globals';
import { missingPcscStack, type PcscCardReader } from '../../src/card-reader/index.js';
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
