/**
 * The fault: a card move (eject to the slot, retract into the capture bin) that does not finish.
 * The reader bounds each move itself (`moveTimeoutMs`, counted from the command, the wait for a
 * chip command in progress included): past it the move is stopped and fails DEVICE_TIMEOUT with
 * where the mechanism says the card is, so the session's card step ends on the reader's own answer
 * and never issues its next move beside one still running.
 */
import { afterEach, describe, expect, it } from '@jest/globals';
import { KioskError } from '@kiosk/domain';
import { EmulatedCardReader } from './emulated-card-reader.js';

const today = new Date('2026-11-26');
let reader: EmulatedCardReader | undefined;

async function readerWithCard(options: { motorMs?: number; transmitTimeoutMs?: number }) {
  // the card goes in with no motor time; the motor is slowed after that
  const r = new EmulatedCardReader({ today, moveTimeoutMs: 50, ...options, motorMs: 0 });
  reader = r;
  await r.open();
  await r.insertCard('zhang');
  return r;
}

/** the emulated mechanism's motor travel time, changed once the card is in */
function slowMotor(r: EmulatedCardReader, motorMs: number): void {
  const mechanism = (r as unknown as { mechanism: { options: { motorMs?: number } } }).mechanism;
  mechanism.options.motorMs = motorMs;
}

afterEach(async () => {
  await reader?.close();
  reader = undefined;
});

describe('card move timeout', () => {
  it('card eject past its bound: DEVICE_TIMEOUT with the card where the stopped motor left it, and the reader free for the retract', async () => {
    const r = await readerWithCard({});
    slowMotor(r, 1_000);
    const eject = r.eject();
    await expect(eject).rejects.toBeInstanceOf(KioskError);
    await expect(eject).rejects.toMatchObject({
      code: 'DEVICE_TIMEOUT',
      details: { act: 'eject', timeoutMs: 50, position: 'inReader' },
    });
    // the motor was stopped: the card never reached the slot behind the fault
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(r.cardPosition()).toBe('inReader');
    slowMotor(r, 0);
    await r.retract();
    expect(r.listCards().find((c) => c.cardId === 'zhang')?.location).toBe('captured');
  });

  it('card retract past its bound: DEVICE_TIMEOUT, told where the card is', async () => {
    const r = await readerWithCard({});
    slowMotor(r, 1_000);
    await expect(r.retract()).rejects.toMatchObject({
      code: 'DEVICE_TIMEOUT',
      details: { act: 'retract', position: 'inReader' },
    });
  });

  it('card eject held behind a chip command past its bound: DEVICE_TIMEOUT, and the card is not moved once the command ends', async () => {
    const r = await readerWithCard({ transmitTimeoutMs: 300 });
    r.setFault('transmitTimeout'); // the chip does not answer: the read holds the reader 300 ms
    const reading = r.readCard().then(
      () => 'read',
      (e: unknown) => KioskError.from(e).code,
    );
    await expect(r.eject()).rejects.toMatchObject({ code: 'DEVICE_TIMEOUT', details: { act: 'eject' } });
    expect(await reading).toBe('DEVICE_TIMEOUT');
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(r.cardPosition()).toBe('inReader');
  });
});
