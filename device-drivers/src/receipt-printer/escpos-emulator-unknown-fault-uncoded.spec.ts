/**
 * Fault: the receipt printer's emulator refused a fault word it does not know with a plain Error
 * (the word inside its message), where every other emulator refuses it coded: INTERNAL, the word in
 * the details. Now it refuses it as they do (`noSuchEmulatedFault`).
 */
import { ErrorCode, KioskError } from '@kiosk/domain';
import { EscposPrinterEmulator } from './escpos-printer.emulator.js';

describe('fault: ESC/POS emulator unknown fault uncoded', () => {
  it('a fault word it does not know is refused INTERNAL, the word in the details', () => {
    const emulator = new EscposPrinterEmulator();
    const refused = (() => {
      try {
        emulator.setFault('jammed' as never);
        return null;
      } catch (e) {
        return e;
      }
    })();
    expect(refused).toBeInstanceOf(KioskError);
    expect(refused).toMatchObject({ code: ErrorCode.INTERNAL, details: { fault: 'jammed' } });
  });
});
