/**
 * The emulated hands refill the serial dispenser's emulated cassettes and empty its bins, and
 * leave the in-memory dispenser to its own port; they load and empty a card printer without card
 * counters (it refuses the commands that would), and leave a counting one to its commands. The serial dispenser's controls are told apart
 * from the in-memory dispenser without their class, which is in the LCDM's serial road.
 */
import {
  CashDispenserEmulator,
  createPtyPair,
  EvolisPrinterEmulator,
  type LcdmEmulatorControls,
} from '@kiosk/device-drivers';
import {
  LcdmEmulatorControls as Controls,
  startLcdmOverPseudoTerminal,
} from '@kiosk/device-drivers/lcdm-serial-road';
import { emulatedEmptyBin, emulatedRefill } from './emulated-hands.js';

describe('emulated hands', () => {
  it("put notes in the serial dispenser's emulated cassette and empty its bins", async () => {
    const rig = await startLcdmOverPseudoTerminal({
      createPair: createPtyPair,
      open: false,
      driver: {
        cassettes: {
          upper: { denominationFen: 10000, count: 30, lowThreshold: 20, emptyThreshold: 0 },
          lower: { denominationFen: 5000, count: 40, lowThreshold: 20, emptyThreshold: 0 },
        },
      },
      emulator: { upper: { count: 30 }, lower: { count: 40 } },
    });
    try {
      const cash: LcdmEmulatorControls = new Controls(rig, { upper: 10000, lower: 5000 });
      const mechanism = cash.emulator.mechanism;
      emulatedRefill({ cashDispenser: cash }, 'cashDispenser', 'cassette:upper', 25);
      expect(mechanism.cassettes.upper.count).toBe(55);
      expect(mechanism.cassettes.lower.count).toBe(40);
      mechanism.rejectTray = 3;
      mechanism.retractBin = 2;
      emulatedEmptyBin({ cashDispenser: cash }, 'cashDispenser', 'rejectBin');
      expect([mechanism.rejectTray, mechanism.retractBin]).toEqual([0, 2]);
      emulatedEmptyBin({ cashDispenser: cash }, 'cashDispenser', 'retractBin');
      expect(mechanism.retractBin).toBe(0);
    } finally {
      await rig.close();
    }
  });

  it('fault: a card printer without card counters refuses the refill and emptying commands: blanks loaded and the reject box emptied by hand', () => {
    const printer = new EvolisPrinterEmulator({ hopper: 5, ribbon: 40, reportsCounters: false });
    printer.mechanics.rejectBin = 3;
    emulatedRefill({ cardPrinter: printer }, 'cardPrinter', 'cardHopper', 20);
    expect(printer.counts()).toMatchObject({ loaded: 25, inHopper: 25 });
    emulatedRefill({ cardPrinter: printer }, 'cardPrinter', 'ribbon', 200);
    emulatedEmptyBin({ cardPrinter: printer }, 'cardPrinter', 'rejectBin');
    expect(printer.mechanics.rejectBin).toBe(0);
    // the ribbon comes through its own command, which this model answers
    expect(printer.mechanics.ribbon).toBe(40);
  });

  it('leave a counting card printer alone: its feeder and reject box take their commands', () => {
    const printer = new EvolisPrinterEmulator({ hopper: 5 });
    printer.mechanics.rejectBin = 3;
    emulatedRefill({ cardPrinter: printer }, 'cardPrinter', 'cardHopper', 20);
    emulatedEmptyBin({ cardPrinter: printer }, 'cardPrinter', 'rejectBin');
    expect(printer.counts()).toMatchObject({ loaded: 5, inHopper: 5 });
    expect(printer.mechanics.rejectBin).toBe(3);
  });

  it('leave the in-memory dispenser alone: it takes its stock through its own port', () => {
    const cash = new CashDispenserEmulator({
      cassettes: [{ id: 'upper', denominationFen: 10000, count: 30, lowThreshold: 20, emptyThreshold: 0 }],
      retractBinCapacity: 50,
    });
    emulatedRefill({ cashDispenser: cash }, 'cashDispenser', 'cassette:upper', 25);
    expect(cash.cassettes().map((c) => c.count)).toEqual([30]);
  });
});
