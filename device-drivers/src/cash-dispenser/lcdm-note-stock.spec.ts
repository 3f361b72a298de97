import { describe, expect, it } from '@jest/globals';
import { ErrorCode, KioskError } from '@kiosk/domain';
import { LcdmNoteStock } from './lcdm-note-stock.js';

const stock = () =>
  new LcdmNoteStock(
    {
      upper: { denominationFen: 10000, count: 200, lowThreshold: 20, emptyThreshold: 0 },
      lower: { denominationFen: 5000, count: 200, lowThreshold: 20, emptyThreshold: 0 },
    },
    { rejectBinCapacity: 50, retractBinCapacity: 100 },
  );

describe('LCDM note stock: the counts the kiosk keeps for a dispenser that counts nothing', () => {
  it('takes back the bins the journal last recorded, leaving a bin it does not name as it was', () => {
    const s = stock();
    s.reject(2);
    s.restoreBins({ retract: 7 });
    expect([s.rejectBin, s.emptyBin('retract')]).toEqual([2, 7]);
    s.restoreBins({ reject: 4 });
    expect(s.emptyBin('reject')).toBe(4);
  });

  it('bin count not a whole number: refused, nothing changed', () => {
    const s = stock();
    s.reject(3);
    for (const bad of [-1, 1.5, Number.NaN]) {
      expect(() => s.restoreBins({ reject: bad })).toThrow(KioskError);
      try {
        s.restoreBins({ reject: 1, retract: bad });
      } catch (e) {
        expect((e as KioskError).code).toBe(ErrorCode.INTERNAL);
      }
    }
    expect(s.rejectBin).toBe(3);
  });
});
