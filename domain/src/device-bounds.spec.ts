/**
 * The devices' default bounds are the documented ones: ADR 0016 and the README's configuration
 * reference say 10 s for a card move; ADR 0005, the README and the production profile say 60 s
 * for a dispense and 2 s for a short command. Changing one here means changing those with it.
 */
import {
  DEFAULT_CARD_MOVE_TIMEOUT_MS,
  DEFAULT_CARD_POSITION_WAIT_MS,
  DEFAULT_DEVICE_REOPEN,
  DEFAULT_DISPENSE_TIMEOUT_MS,
  DEFAULT_DISPENSER_BOUNDS,
  DEFAULT_DISPENSER_RESPONSE_TIMEOUT_MS,
  DEFAULT_PCSC_READER_WAIT_MS,
} from './device-bounds.js';

describe('device bounds: the documented defaults', () => {
  it('bounds a card move by 10 s (ADR 0016)', () => {
    expect(DEFAULT_CARD_MOVE_TIMEOUT_MS).toBe(10_000);
  });

  it('waits 60 s for a dispense and 2 s for a short command (ADR 0005)', () => {
    expect(DEFAULT_DISPENSE_TIMEOUT_MS).toBe(60_000);
    expect(DEFAULT_DISPENSER_RESPONSE_TIMEOUT_MS).toBe(2_000);
    expect(DEFAULT_DISPENSER_BOUNDS).toEqual({ dispenseTimeoutMs: 60_000, responseTimeoutMs: 2_000 });
  });

  it('opens an offline device again after 5 s, backing off to at most 60 s between opens (ADR 0020)', () => {
    expect(DEFAULT_DEVICE_REOPEN).toEqual({ intervalMs: 5_000, maxIntervalMs: 60_000 });
  });

  it("waits 1.5 s at the card reader's open for pcscd to list its reader (ADR 0002)", () => {
    expect(DEFAULT_PCSC_READER_WAIT_MS).toBe(1_500);
  });

  it("waits 10 s at boot recovery for a reader to say whether a cut-short session's card is inside (ADR 0002)", () => {
    expect(DEFAULT_CARD_POSITION_WAIT_MS).toBe(10_000);
  });
});
