/**
 * The reason a simulated kiosk sends is the one a real kiosk sends: its kiosk machine lists the
 * reasons that hold in domain's order (`inDeviceReasonOrder`, `withOperatorHold`), and the status
 * carries the first, and all of them in its list. Every state the simulator can be in (no fault or each jam, every set of
 * supplies used up, held or not) is compared with that rule, so a simulator that ordered its
 * reasons by its own hand would fail here.
 */
import { describe, expect, it } from '@jest/globals';
import { inDeviceReasonOrder, ServiceReason, withOperatorHold, type DeviceReason } from '@kiosk/domain';
import { SIMULATED_FAULTS, type FaultyDevice, type SimulatedFault } from './simulated-faults.js';
import { deviceReasonsUnder } from './simulated-reasons.js';
import { simulatedStatus } from './simulated-status.js';
import { FULL, SUPPLIES, type SimulatedSupply, type Stock } from './simulated-supplies.js';

/** what the kiosk machine finds for a device in hardwareError */
const DOWN: Record<FaultyDevice, DeviceReason> = {
  cardReader: 'CARD_READER_DOWN',
  cardPrinter: 'CARD_PRINTER_DOWN',
  cashDispenser: 'CASH_DISPENSER_DOWN',
};
/** what the kiosk machine finds for a supply used up */
const EMPTY: Record<SimulatedSupply, DeviceReason> = {
  paper: 'PAPER_EMPTY',
  cardHopper: 'CARD_STOCK_EMPTY',
  ribbon: 'RIBBON_EMPTY',
  cassette: 'CASH_EMPTY',
};

/** every set of supplies the simulator can have used up */
const EMPTIED_SETS: SimulatedSupply[][] = SUPPLIES.reduce<SimulatedSupply[][]>(
  (sets, supply) => [...sets, ...sets.map((set) => [...set, supply])],
  [[]],
);
const FAULTS: (SimulatedFault | undefined)[] = [undefined, ...SIMULATED_FAULTS];
const HOLDS: (string | undefined)[] = [undefined, ServiceReason.REMOTE_OUT_OF_SERVICE, 'MAINTENANCE'];

function stockWithout(emptied: readonly SimulatedSupply[]): Stock {
  return { ...FULL, ...Object.fromEntries(emptied.map((supply) => [supply, 0])) };
}

/**
 * The first reason by the kiosk's rule. A jammed device's own supplies are named too: the kiosk
 * machine does not read them, but its order puts the device's fault before them all the same.
 */
function kioskReason(
  fault: SimulatedFault | undefined,
  emptied: readonly SimulatedSupply[],
  hold: string | undefined,
): string | undefined {
  const devices = inDeviceReasonOrder([
    ...(fault ? [DOWN[fault.device]] : []),
    ...emptied.map((supply) => EMPTY[supply]),
  ]);
  return (hold === undefined ? devices : withOperatorHold(hold, devices))[0];
}

describe("a simulated kiosk's service reason", () => {
  it('is the reason a real kiosk sends first, in every state the simulator can be in', () => {
    const states = FAULTS.flatMap((fault) =>
      EMPTIED_SETS.flatMap((emptied) => HOLDS.map((hold) => ({ fault, emptied, hold }))),
    );
    expect(states).toHaveLength(4 * 16 * 3);
    const differing = states
      .map(({ fault, emptied, hold }) => {
        const state = {
          mode: hold === undefined ? ('inService' as const) : ('outOfService' as const),
          hold,
          fault,
          stock: stockWithout(emptied),
        };
        const sent = simulatedStatus({ kioskId: 'sim-k0001', heartbeatIntervalS: 10 }, state).reason;
        return { fault: fault?.device, emptied, hold, sent, kiosk: kioskReason(fault, emptied, hold) };
      })
      .filter(({ sent, kiosk }) => sent !== kiosk);
    expect(differing).toEqual([]);
  });

  it('the card reader, then the card making, the cash, the receipt; a jammed device before its own supplies', () => {
    const [cardPrinter, cardReader, cashDispenser] = SIMULATED_FAULTS;
    const first = (fault: SimulatedFault | undefined, emptied: SimulatedSupply[]) =>
      deviceReasonsUnder(fault, emptied)[0];
    expect(first(undefined, [])).toBeUndefined();
    expect(first(cardReader, ['cardHopper', 'cassette', 'paper'])).toBe('CARD_READER_DOWN');
    // a jammed printer is down before its empty hopper counts
    expect(first(cardPrinter, ['cardHopper', 'paper'])).toBe('CARD_PRINTER_DOWN');
    // no blank cards stands before the cash dispenser's jam, as in the kiosk machine's order
    expect(first(cashDispenser, ['cardHopper'])).toBe('CARD_STOCK_EMPTY');
    expect(first(cashDispenser, ['cassette', 'paper'])).toBe('CASH_DISPENSER_DOWN');
    expect(first(undefined, ['paper', 'cassette'])).toBe('CASH_EMPTY');
    expect(first(undefined, ['paper'])).toBe('PAPER_EMPTY');
    // a used-up ribbon takes the card making away after the blanks, before the cash
    expect(first(undefined, ['ribbon', 'cassette', 'paper'])).toBe('RIBBON_EMPTY');
    expect(first(undefined, ['cardHopper', 'ribbon'])).toBe('CARD_STOCK_EMPTY');
    expect(first(cashDispenser, ['ribbon'])).toBe('RIBBON_EMPTY');
  });

  it('lists every reason in the status, the first its reason, as a real kiosk placed by them; none in maintenance', () => {
    const [, cardReader] = SIMULATED_FAULTS;
    const state = {
      mode: 'outOfService' as const,
      hold: 'MAINTENANCE',
      fault: cardReader,
      stock: stockWithout(['paper']),
    };
    const identity = { kioskId: 'sim-k0001', heartbeatIntervalS: 10 };
    expect(simulatedStatus(identity, state)).toMatchObject({
      reason: 'MAINTENANCE',
      reasons: ['MAINTENANCE', 'CARD_READER_DOWN', 'PAPER_EMPTY'],
    });
    expect(
      simulatedStatus(identity, {
        ...state,
        mode: 'inService',
        hold: undefined,
        fault: undefined,
        stock: FULL,
      }).reasons,
    ).toEqual([]);
    expect(simulatedStatus(identity, { ...state, mode: 'maintenance' })).not.toHaveProperty('reasons');
  });

  it("lists a jammed device's fault without its own supplies, as the kiosk machine does", () => {
    const [cardPrinter, , cashDispenser] = SIMULATED_FAULTS;
    expect(deviceReasonsUnder(cardPrinter, ['cardHopper', 'ribbon', 'paper'])).toEqual([
      'CARD_PRINTER_DOWN',
      'PAPER_EMPTY',
    ]);
    expect(deviceReasonsUnder(cashDispenser, ['cassette', 'cardHopper'])).toEqual([
      'CARD_STOCK_EMPTY',
      'CASH_DISPENSER_DOWN',
    ]);
  });
});
