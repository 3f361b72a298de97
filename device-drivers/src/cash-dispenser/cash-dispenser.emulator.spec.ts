import { ErrorCode } from '@kiosk/domain';
import { CashDispenserEmulator } from './cash-dispenser.emulator.js';
import { PAID_350_YUAN } from './paid-350-yuan.spec-support.js';

const YUAN = 100;

async function openDispenser(options = {}): Promise<CashDispenserEmulator> {
  const d = new CashDispenserEmulator(options);
  await d.open();
  return d;
}

const supply = (d: CashDispenserEmulator, name: string) => d.status().supplies.find((s) => s.name === name);

/** Every note is somewhere: cassettes + presenter + reject + retract + taken + stuck = loaded. */
function notesAccountedFor(d: CashDispenserEmulator, taken: number, stuck = 0): number {
  const inCassettes = d.cassettes().reduce((s, c) => s + c.count, 0);
  return (
    inCassettes +
    d.presenter().notes +
    (supply(d, 'rejectBin')?.count ?? 0) +
    (supply(d, 'retractBin')?.count ?? 0) +
    taken +
    stuck
  );
}

describe('CashDispenserEmulator', () => {
  it('dispenses, presents, and reports the cash taken', async () => {
    const d = await openDispenser();
    const result = await d.dispense(350 * YUAN);
    expect(result).toEqual(PAID_350_YUAN);
    expect(d.presenter()).toEqual({ state: 'staged', amountFen: 35_000, notes: 4 });
    const taken = new Promise<{ amountFen: number }>((resolve) => d.onCashTaken(resolve));
    await expect(d.present()).resolves.toEqual({ amountFen: 35_000 });
    expect(d.takeCash()).toBe(true);
    await expect(taken).resolves.toEqual({ amountFen: 35_000 });
    expect(d.presenter().state).toBe('empty');
    expect(d.cassettes().map((c) => c.count)).toEqual([197, 199]);
    expect(notesAccountedFor(d, 4)).toBe(400);
  });

  it('reports busy while notes move and refuses a second dispense', async () => {
    const d = await openDispenser();
    const first = d.dispense(200 * YUAN);
    expect(d.status().device).toBe('busy');
    await expect(d.dispense(100 * YUAN)).rejects.toMatchObject({ code: ErrorCode.DEVICE_BUSY });
    await expect(first).resolves.toMatchObject({ result: 'dispensed', amountFen: 20_000 });
    expect(d.status().device).toBe('online');
  });

  it('refuses an amount it cannot pay before a note moves', async () => {
    const d = await openDispenser();
    await expect(d.dispense(120 * YUAN)).rejects.toMatchObject({
      code: ErrorCode.CASH_AMOUNT_NOT_PAYABLE,
      details: { reason: 'notAMultiple' },
    });
    expect(d.cassettes().map((c) => c.count)).toEqual([200, 200]);
  });

  it('refuses a dispense while notes wait in the presenter', async () => {
    const d = await openDispenser();
    await d.dispense(100 * YUAN);
    await expect(d.dispense(100 * YUAN)).rejects.toMatchObject({ code: ErrorCode.DEVICE_BUSY });
  });

  it('honours an abort before the first note moves', async () => {
    const d = await openDispenser();
    await expect(d.dispense(100 * YUAN, AbortSignal.abort())).rejects.toMatchObject({
      code: ErrorCode.DEVICE_OPERATION_CANCELLED,
    });
    expect(d.cassettes().map((c) => c.count)).toEqual([200, 200]);
  });

  it('reports low and empty cassettes', async () => {
    const d = await openDispenser();
    d.loadCassette('upper', 20);
    d.loadCassette('lower', 0);
    expect(supply(d, 'cassette:upper')).toMatchObject({ level: 'low', count: 20, threshold: 20 });
    expect(supply(d, 'cassette:lower')).toMatchObject({ level: 'empty', count: 0 });
  });

  describe('fault: notes not taken', () => {
    it('retracts the presented notes to the retract bin with their exact amount', async () => {
      const d = await openDispenser();
      await d.dispense(500 * YUAN);
      await d.present();
      await expect(d.retract()).resolves.toEqual({ retractedFen: 50_000, notes: 5 });
      expect(supply(d, 'retractBin')).toMatchObject({ count: 5 });
      expect(d.takeCash()).toBe(false);
      expect(notesAccountedFor(d, 0)).toBe(400);
    });
  });

  describe('fault: jam', () => {
    it('stops with the exact amount already in the presenter and stays in hardware error', async () => {
      const d = await openDispenser();
      d.setFault({ kind: 'jam', afterNotes: 2 });
      const result = await d.dispense(500 * YUAN);
      expect(result).toMatchObject({
        result: 'partial',
        code: ErrorCode.CASH_JAM,
        requestedFen: 50_000,
        amountFen: 20_000,
      });
      expect(d.status()).toMatchObject({ device: 'hardwareError', fault: { code: ErrorCode.CASH_JAM } });
      await expect(d.dispense(100 * YUAN)).rejects.toMatchObject({ code: ErrorCode.CASH_JAM });
      await expect(d.present()).resolves.toEqual({ amountFen: 20_000 });
      expect(d.takeCash()).toBe(true);
      expect(notesAccountedFor(d, 2, 1)).toBe(400);
      d.clearJam();
      expect(d.status().device).toBe('online');
      expect(notesAccountedFor(d, 2)).toBe(400);
    });

    it('presents nothing when it jams on the first note', async () => {
      const d = await openDispenser();
      d.setFault({ kind: 'jam', afterNotes: 0 });
      await expect(d.dispense(100 * YUAN)).resolves.toMatchObject({
        result: 'partial',
        amountFen: 0,
        notes: [],
      });
      await expect(d.present()).rejects.toMatchObject({ code: ErrorCode.CASH_NOTHING_TO_PRESENT });
    });
  });

  describe('fault: double notes', () => {
    it('diverts a few double picks to the reject bin and still pays the exact amount', async () => {
      const d = await openDispenser();
      d.setFault({ kind: 'doubleNotes', picks: 2 });
      await expect(d.dispense(300 * YUAN)).resolves.toMatchObject({ result: 'dispensed', amountFen: 30_000 });
      expect(supply(d, 'rejectBin')).toMatchObject({ count: 4 });
      expect(notesAccountedFor(d, 0)).toBe(400);
    });

    it('stops with a partial result after too many rejects', async () => {
      const d = await openDispenser({ maxRejectsPerDispense: 2 });
      d.setFault({ kind: 'doubleNotes', picks: 10 });
      const result = await d.dispense(300 * YUAN);
      expect(result).toMatchObject({ result: 'partial', code: ErrorCode.CASH_DOUBLE_NOTES, amountFen: 0 });
      expect(notesAccountedFor(d, 0)).toBe(400);
    });
  });

  describe('fault: cassette missing', () => {
    it('pays from the other cassette when it can', async () => {
      const d = await openDispenser();
      d.removeCassette('upper');
      expect(supply(d, 'cassette:upper')?.level).toBe('missing');
      await expect(d.dispense(200 * YUAN)).resolves.toMatchObject({
        result: 'dispensed',
        notes: [{ cassetteId: 'lower', count: 4 }],
      });
    });

    it('refuses before a note moves when the rest cannot pay', async () => {
      const d = await openDispenser();
      d.removeCassette('upper');
      d.removeCassette('lower');
      await expect(d.dispense(100 * YUAN)).rejects.toMatchObject({ code: ErrorCode.CASH_CASSETTE_MISSING });
      d.insertCassette('upper');
      await expect(d.dispense(100 * YUAN)).resolves.toMatchObject({ result: 'dispensed' });
    });
  });

  describe('fault: reject bin full', () => {
    it('refuses to dispense until the bin is emptied', async () => {
      const d = await openDispenser({ rejectBinCapacity: 2 });
      d.setFault({ kind: 'doubleNotes', picks: 1 });
      await d.dispense(100 * YUAN);
      await d.retract();
      expect(supply(d, 'rejectBin')?.level).toBe('full');
      await expect(d.dispense(100 * YUAN)).rejects.toMatchObject({ code: ErrorCode.DEVICE_BIN_FULL });
      expect(d.emptyBin('reject')).toBe(2);
      await expect(d.dispense(100 * YUAN)).resolves.toMatchObject({ result: 'dispensed' });
    });
  });

  describe('fault: offline', () => {
    it('refuses every command with DEVICE_OFFLINE and reports offline', async () => {
      const d = await openDispenser();
      d.setFault({ kind: 'offline' });
      expect(d.status().device).toBe('offline');
      await expect(d.dispense(100 * YUAN)).rejects.toMatchObject({ code: ErrorCode.DEVICE_OFFLINE });
      await expect(d.present()).rejects.toMatchObject({ code: ErrorCode.DEVICE_OFFLINE });
      await expect(d.retract()).rejects.toMatchObject({ code: ErrorCode.DEVICE_OFFLINE });
      d.setFault(null);
      expect(d.status().device).toBe('online');
    });
  });

  describe('demo panel faults by name', () => {
    it('takes a fault name and refuses an unknown one with a coded error', async () => {
      const d = await openDispenser();
      d.setFault('jam');
      await expect(d.dispense(300 * YUAN)).resolves.toMatchObject({ result: 'partial', amountFen: 10_000 });
      d.setFault('cassetteMissing');
      expect(supply(d, 'cassette:upper')?.level).toBe('missing');
      d.setFault(null);
      expect(supply(d, 'cassette:upper')?.level).not.toBe('missing');
      expect(() => d.setFault('meltdown' as never)).toThrow(
        expect.objectContaining({ code: ErrorCode.INTERNAL }),
      );
    });
  });
});
