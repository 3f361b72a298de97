/**
 * What the dispenser specs share: the result of a 350-yuan dispense from the default loads (a
 * 100-yuan upper and a 50-yuan lower cassette), the emulator's and the LCDM driver's alike: three
 * 100-yuan notes and one 50-yuan note, all of it paid.
 */
import type { DispenseResult } from './cash-dispenser.port.js';

export const PAID_350_YUAN: DispenseResult = {
  result: 'dispensed',
  requestedFen: 35_000,
  amountFen: 35_000,
  notes: [
    { cassetteId: 'upper', denominationFen: 10_000, count: 3 },
    { cassetteId: 'lower', denominationFen: 5_000, count: 1 },
  ],
};
